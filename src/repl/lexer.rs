//! A forgiving SQL lexer for the editor: statement boundaries, highlighting and completion
//! context on partial input.
//!
//! DataFusion's tokenizer stops at the first unterminated string, which is exactly what a
//! half-typed line contains; this one never fails. It knows as much as the editor needs:
//! where strings, quoted identifiers and comments start and end (so a `;` inside them is not
//! a statement end), words, numbers and punctuation. Parsing proper is left to `DFParser`.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An identifier or a keyword.
    Word,
    /// `"…"` or `` `…` ``.
    QuotedIdent,
    /// `'…'`, `E'…'` or `$tag$…$tag$`.
    String,
    /// A numeric literal.
    Number,
    /// `-- …` or `/* … */`.
    Comment,
    /// Spaces, tabs and newlines.
    Whitespace,
    /// `;`.
    Semicolon,
    /// Any other character.
    Punct,
}

/// One token: its kind and byte range, and whether it is closed (a string, quoted identifier
/// or block comment can be cut off by the end of the input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) closed: bool,
}

impl Token {
    /// The token's text in `source`.
    pub(crate) fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }

    /// Whether the token carries meaning (not whitespace or a comment).
    pub(crate) fn significant(&self) -> bool {
        !matches!(self.kind, Kind::Whitespace | Kind::Comment)
    }
}

/// Splits `source` into tokens covering all of it.
pub(crate) fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer { source, pos: 0 };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token() {
        tokens.push(token);
    }
    tokens
}

struct Lexer<'s> {
    source: &'s str,
    pos: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.source[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&f) {
            self.bump();
        }
    }

    fn next_token(&mut self) -> Option<Token> {
        let start = self.pos;
        let c = self.peek()?;
        let mut closed = true;
        let kind = match c {
            c if c.is_whitespace() => {
                self.eat_while(char::is_whitespace);
                Kind::Whitespace
            }
            ';' => {
                self.bump();
                Kind::Semicolon
            }
            '-' if self.peek2() == Some('-') => {
                self.eat_while(|c| c != '\n');
                Kind::Comment
            }
            '/' if self.peek2() == Some('*') => {
                closed = self.block_comment();
                Kind::Comment
            }
            '\'' => {
                self.bump();
                closed = self.quoted('\'', false);
                Kind::String
            }
            '"' | '`' => {
                self.bump();
                closed = self.quoted(c, false);
                Kind::QuotedIdent
            }
            'e' | 'E' if self.peek2() == Some('\'') => {
                self.bump();
                self.bump();
                closed = self.quoted('\'', true);
                Kind::String
            }
            '$' => match self.dollar_tag() {
                Some(tag) => {
                    self.pos += tag.len();
                    closed = match self.rest().find(&tag) {
                        Some(end) => {
                            self.pos += end + tag.len();
                            true
                        }
                        None => {
                            self.pos = self.source.len();
                            false
                        }
                    };
                    Kind::String
                }
                None => {
                    self.bump();
                    Kind::Punct
                }
            },
            c if c.is_ascii_digit()
                || (c == '.' && self.peek2().is_some_and(|d| d.is_ascii_digit())) =>
            {
                self.bump();
                self.eat_while(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
                Kind::Number
            }
            c if c.is_alphabetic() || c == '_' => {
                self.eat_while(|c| c.is_alphanumeric() || c == '_' || c == '$');
                Kind::Word
            }
            _ => {
                self.bump();
                Kind::Punct
            }
        };
        Some(Token {
            kind,
            start,
            end: self.pos,
            closed,
        })
    }

    /// After an opening quote: up to and including the closing one (a doubled quote is an
    /// escaped quote; with `backslash`, so is `\'`). Whether it was closed.
    fn quoted(&mut self, quote: char, backslash: bool) -> bool {
        while let Some(c) = self.bump() {
            if backslash && c == '\\' {
                self.bump();
            } else if c == quote {
                if self.peek() == Some(quote) {
                    self.bump();
                } else {
                    return true;
                }
            }
        }
        false
    }

    /// A block comment, nested ones included. Whether it was closed.
    fn block_comment(&mut self) -> bool {
        let mut depth = 0usize;
        while let Some(c) = self.bump() {
            match c {
                '/' if self.peek() == Some('*') => {
                    self.bump();
                    depth += 1;
                }
                '*' if self.peek() == Some('/') => {
                    self.bump();
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// The `$tag$` opening a dollar-quoted string here, if one does.
    fn dollar_tag(&self) -> Option<String> {
        let rest = &self.rest()[1..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let tag = &rest[..len];
        let valid = rest[len..].starts_with('$') && !tag.starts_with(|c: char| c.is_ascii_digit());
        valid.then(|| format!("${tag}$"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(Kind, &str, bool)> {
        tokenize(source)
            .into_iter()
            .filter(|t| t.kind != Kind::Whitespace)
            .map(|t| (t.kind, t.text(source), t.closed))
            .collect()
    }

    #[test]
    fn tokens_cover_the_input() {
        let source = "SELECT a.b, 'x;y' FROM \"T\" -- c;\n/* d; */ WHERE n > 1.5e3;";
        let tokens = tokenize(source);
        let rebuilt: String = tokens.iter().map(|t| t.text(source)).collect();
        assert_eq!(rebuilt, source);
        let semicolons = tokens.iter().filter(|t| t.kind == Kind::Semicolon).count();
        assert_eq!(semicolons, 1);
    }

    #[test]
    fn strings_comments_and_identifiers() {
        use Kind::*;
        assert_eq!(
            kinds("'it''s' E'a\\'b' $$x;y$$ $t$z$t$ \"a\"\"b\" `c`"),
            vec![
                (String, "'it''s'", true),
                (String, "E'a\\'b'", true),
                (String, "$$x;y$$", true),
                (String, "$t$z$t$", true),
                (QuotedIdent, "\"a\"\"b\"", true),
                (QuotedIdent, "`c`", true),
            ]
        );
        assert_eq!(
            kinds("/* a /* b */ c */ x"),
            vec![(Comment, "/* a /* b */ c */", true), (Word, "x", true)]
        );
        assert_eq!(kinds("$1"), vec![(Punct, "$", true), (Number, "1", true)]);
        assert_eq!(kinds("élan_2"), vec![(Word, "élan_2", true)]);
    }

    #[test]
    fn unterminated_tokens_run_to_the_end() {
        use Kind::*;
        assert_eq!(kinds("'abc; def"), vec![(String, "'abc; def", false)]);
        assert_eq!(kinds("\"Full Na"), vec![(QuotedIdent, "\"Full Na", false)]);
        assert_eq!(kinds("/* x;"), vec![(Comment, "/* x;", false)]);
        assert_eq!(kinds("$$ x;"), vec![(String, "$$ x;", false)]);
        assert_eq!(kinds("-- x;"), vec![(Comment, "-- x;", true)]);
    }
}
