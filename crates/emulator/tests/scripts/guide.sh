#!/usr/bin/env bash
# The user guide's curl walkthrough, verbatim but for the host.
set -euo pipefail
HOST=${HOST:-http://127.0.0.1:8787}
TOKEN=$(curl -s -X POST $HOST/gtm/oauth/v1/token \
  -H "Content-Type: application/x-www-form-urlencoded" \
  -H "Accept: application/json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  --data-urlencode "grant_type=client_credentials" \
  --data-urlencode "client_id=$ZOOMINFO_CLIENT_ID" \
  --data-urlencode "client_secret=$ZOOMINFO_CLIENT_SECRET" \
  | jq -r '.access_token')
echo "token: ${#TOKEN} chars"

CREATED=$(curl -s -X POST "$HOST/gtm/studio/v1/audiences?autoMatchCriteria=true" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": {
      "type": "Audience",
      "attributes": {
        "name": "SaaStr 2026 Booth Scans",
        "type": "CONTACT",
        "origin": "CUSTOM",
        "columns": [
          { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Email",     "dataType": "EMAIL" } },
          { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Full Name",  "dataType": "TEXT" } },
          { "type": "Column", "attributes": { "columnType": "CUSTOM", "name": "Company",    "dataType": "TEXT" } }
        ]
      }
    }
  }')
AUDIENCE_ID=$(echo "$CREATED" | jq -r .data.id)
EMAIL_COLUMN_ID=$(echo "$CREATED" | jq -r '.data.attributes.columns[] | select(.attributes.name=="Email") | .id')
NAME_COLUMN_ID=$(echo "$CREATED" | jq -r '.data.attributes.columns[] | select(.attributes.name=="Full Name") | .id')
COMPANY_COLUMN_ID=$(echo "$CREATED" | jq -r '.data.attributes.columns[] | select(.attributes.name=="Company") | .id')
echo "1. audience $AUDIENCE_ID"

curl -s -X POST "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/columns/actions/bulk/create" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": [
      {
        "type": "Column",
        "attributes": {
          "columnType": "ZOOMINFO_MATCH",
          "name": "ZoomInfo Contact",
          "dataType": "ZI_CONTACT_ID"
        }
      },
      {
        "type": "Column",
        "attributes": {
          "columnType": "AI",
          "name": "Follow-up Angle",
          "tool": "AI_WEB_RESEARCH",
          "prompt": "In one sentence, suggest a relevant opening angle for a sales follow-up with this contact based on their company and recent activity."
        }
      }
    ]
  }' | jq -c '[.data[] | {id, name: .attributes.name, matchCriteria: .attributes.matchCriteria}]'

curl -s -X POST "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/actions/match-criteria" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": {
      "type": "UpsertMatchCriteria",
      "attributes": {
        "matchCriteria": [
          { "columnId": "'$EMAIL_COLUMN_ID'", "mappedTo": "CONTACT_EMAIL" }
        ]
      }
    }
  }' | jq -c '{step: 3, name: .data.attributes.name, matchCriteria: .data.attributes.matchCriteria}'

curl -s -X POST "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/rows/actions/bulk/upsert" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": [
      {
        "type": "Row",
        "attributes": {
          "values": [
            { "columnId": "'$EMAIL_COLUMN_ID'",   "value": "dana@northwind.io" },
            { "columnId": "'$NAME_COLUMN_ID'",    "value": "Dana Lin" },
            { "columnId": "'$COMPANY_COLUMN_ID'", "value": "Northwind" }
          ]
        }
      },
      {
        "type": "Row",
        "attributes": {
          "values": [
            { "columnId": "'$EMAIL_COLUMN_ID'",   "value": "marco@brightloom.com" },
            { "columnId": "'$NAME_COLUMN_ID'",    "value": "Marco Reyes" },
            { "columnId": "'$COMPANY_COLUMN_ID'", "value": "Brightloom" }
          ]
        }
      }
    ]
  }' | jq -c '{step: 4, rows: [.data[].id]}'

JOB_ID=$(curl -s -X POST "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/actions/enrich" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": {
      "type": "AudienceEnrichment",
      "attributes": { "scope": "AUDIENCE" }
    }
  }' | jq -r .data.id)
echo "5. job $JOB_ID"

for i in $(seq 1 30); do
  STATUS=$(curl -s "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/jobs/$JOB_ID" \
    -H "Authorization: Bearer $TOKEN" \
    -H "Accept: application/vnd.api+json" \
    -H "User-Agent: gtm-studio-quickstart/1.0")
  echo "6. $(echo "$STATUS" | jq -c .data.attributes)"
  case $(echo "$STATUS" | jq -r .data.attributes.status) in SCHEDULED|RUNNING) sleep 0.3;; *) break;; esac
done

curl -s -X POST "$HOST/gtm/studio/v1/audiences/$AUDIENCE_ID/rows/actions/search" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/vnd.api+json" \
  -H "Accept: application/vnd.api+json" \
  -H "User-Agent: gtm-studio-quickstart/1.0" \
  -d '{
    "data": {
      "type": "RowSearch",
      "attributes": {}
    }
  }' | jq '.'
