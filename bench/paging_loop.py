#!/usr/bin/env python3
"""The paging loop users write today: read a whole GTM Studio audience page by page, filter in Python.

It follows the user guide step by step: fetch a token with the client-credentials grant,
read the audience's columns, then POST .../rows/actions/search with page[size]=500 and
page[number]=1, 2, ... until a page comes back short, one request at a time, keeping the
rows that pass the filters given on the command line. It is the baseline that
`cargo bench -p gtmsql --bench gtmsql` compares gtmsql with.

Usage:
    paging_loop.py BASE_URL CLIENT_ID CLIENT_SECRET AUDIENCE_ID
                   [--eq COLUMN=VALUE] [--gt COLUMN=NUMBER] [--in-file COLUMN=PATH]

COLUMN is a column's display name. --eq keeps rows whose value equals VALUE, --gt rows whose
number is greater than NUMBER, --in-file rows whose value is one of the lines of PATH (a
join with a local list). Prints one JSON line:
    {"requests": N, "rows_seen": N, "rows_out": N, "seconds": S}
where seconds run from the token request to the last page.
"""

import argparse
import json
import sys
import time

import requests

PAGE_SIZE = 500


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base_url")
    parser.add_argument("client_id")
    parser.add_argument("client_secret")
    parser.add_argument("audience_id")
    parser.add_argument("--eq", action="append", default=[], metavar="COLUMN=VALUE")
    parser.add_argument("--gt", action="append", default=[], metavar="COLUMN=NUMBER")
    parser.add_argument("--in-file", action="append", default=[], metavar="COLUMN=PATH")
    args = parser.parse_args()

    started = time.perf_counter()
    session = requests.Session()
    # The API gateway refuses default library User-Agents (python-requests/x.y).
    session.headers["User-Agent"] = "paging-loop/1.0"
    token = session.post(
        f"{args.base_url}/gtm/oauth/v1/token",
        auth=(args.client_id, args.client_secret),
        data={"grant_type": "client_credentials"},
    )
    token.raise_for_status()
    session.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    session.headers["Content-Type"] = "application/vnd.api+json"
    api = f"{args.base_url}/gtm/studio/v1"
    requests_sent = 1

    audience = session.get(f"{api}/audiences/{args.audience_id}")
    audience.raise_for_status()
    requests_sent += 1
    columns = audience.json()["data"]["attributes"]["columns"]
    column_ids = {c["attributes"]["name"]: c["id"] for c in columns}

    def split(spec):
        name, value = spec.split("=", 1)
        return column_ids[name], value

    eq = [split(s) for s in args.eq]
    gt = [(c, float(v)) for c, v in (split(s) for s in args.gt)]
    within = []
    for spec in args.in_file:
        column, path = split(spec)
        with open(path, encoding="utf-8") as f:
            within.append((column, {line.strip() for line in f if line.strip()}))

    def keep(values):
        for column, value in eq:
            if values.get(column) != value:
                return False
        for column, bound in gt:
            v = values.get(column)
            if v is None or not v > bound:
                return False
        for column, allowed in within:
            if values.get(column) not in allowed:
                return False
        return True

    rows_seen = 0
    kept = []
    page = 1
    while True:
        response = session.post(
            f"{api}/audiences/{args.audience_id}/rows/actions/search",
            params={"page[number]": page, "page[size]": PAGE_SIZE},
            json={"data": {"type": "RowSearch", "attributes": {}}},
        )
        requests_sent += 1
        response.raise_for_status()
        body = response.json()
        rows = body["data"]
        for row in rows:
            values = {cell["columnId"]: cell.get("value") for cell in row["attributes"]["values"]}
            rows_seen += 1
            if keep(values):
                kept.append(values)
        total = body.get("meta", {}).get("total")
        if len(rows) < PAGE_SIZE or (total is not None and page * PAGE_SIZE >= total):
            break
        page += 1

    print(
        json.dumps(
            {
                "requests": requests_sent,
                "rows_seen": rows_seen,
                "rows_out": len(kept),
                "seconds": time.perf_counter() - started,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
