"""Registers, looks up and fetches a schema through Python confluent-kafka's SchemaRegistryClient.

Usage: confluent_client.py <registry url> <subject> <avro schema text>
Prints one JSON object with what the client saw.
"""

import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

url, subject, schema_text = sys.argv[1], sys.argv[2], sys.argv[3]
client = SchemaRegistryClient({"url": url})
schema = Schema(schema_text, "AVRO")

registered_id = client.register_schema(subject, schema)
# A second client has no cache, so these calls reach the server.
fresh = SchemaRegistryClient({"url": url})
latest = fresh.get_latest_version(subject)
looked_up = fresh.lookup_schema(subject, schema)
fetched = fresh.get_schema(registered_id)

print(
    json.dumps(
        {
            "registered_id": registered_id,
            "latest": {"id": latest.schema_id, "version": latest.version, "subject": latest.subject},
            "lookup": {"id": looked_up.schema_id, "version": looked_up.version},
            "fetched_schema": fetched.schema_str,
            "subjects": fresh.get_subjects(),
            "compatibility": fresh.get_compatibility(),
        }
    )
)
