"""Drives Python confluent-kafka's data-contract and DEK registry clients against a registry.

Usage: confluent_data_contracts.py <registry url> <subject> <kek name> <kms key arn>
Registers a schema with metadata and an ENCRYPT rule set, creates a KEK and two DEK versions
through DekRegistryClient (as its encryption executor does), then reads everything back with
fresh clients (no caches). Prints one JSON object with what the clients saw.
"""

import base64
import json
import os
import sys

from confluent_kafka.schema_registry import Metadata, RuleSet, Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.rules.encryption.dek_registry.dek_registry_client import (
    DekAlgorithm,
    DekRegistryClient,
)

url, subject, kek_name, key_arn = sys.argv[1:5]
schema_text = json.dumps(
    {
        "type": "record",
        "name": "Customer",
        "namespace": "py.contracts",
        "fields": [{"name": "email", "type": "string", "confluent:tags": ["PII"]}],
    }
)
metadata = Metadata.from_dict({"properties": {"owner": "@eventline/orders"}})
rule_set = RuleSet.from_dict(
    {
        "domainRules": [
            {
                "name": "encrypt-PII",
                "kind": "TRANSFORM",
                "mode": "WRITEREAD",
                "type": "ENCRYPT",
                "tags": ["PII"],
                "params": {"encrypt.kek.name": kek_name, "encrypt.kms.type": "aws-kms", "encrypt.kms.key.id": key_arn},
                "onFailure": "ERROR,NONE",
            }
        ]
    }
)

registry = SchemaRegistryClient({"url": url})
schema_id = registry.register_schema(subject, Schema(schema_text, "AVRO", metadata=metadata, rule_set=rule_set))
latest = SchemaRegistryClient({"url": url}).get_latest_version(subject)

deks = DekRegistryClient({"url": url})
deks.register_kek(kek_name, "aws-kms", key_arn, shared=False, doc="python interop")
first = base64.b64encode(os.urandom(60)).decode()
second = base64.b64encode(os.urandom(60)).decode()
deks.register_dek(kek_name, subject, first, DekAlgorithm.AES256_GCM)
deks.register_dek(kek_name, subject, second, DekAlgorithm.AES256_GCM, version=2)

fresh = DekRegistryClient({"url": url})
kek = fresh.get_kek(kek_name)
dek1 = fresh.get_dek(kek_name, subject, DekAlgorithm.AES256_GCM, version=1)
newest = fresh.get_dek(kek_name, subject, DekAlgorithm.AES256_GCM, version=-1)

print(
    json.dumps(
        {
            "schema_id": schema_id,
            "latest": {
                "id": latest.schema_id,
                "metadata": latest.schema.metadata.to_dict(),
                "rule_set": latest.schema.rule_set.to_dict(),
            },
            "kek": {"name": kek.name, "kms_type": kek.kms_type, "kms_key_id": kek.kms_key_id, "shared": kek.shared},
            "dek1": {"version": dek1.version, "material_matches": dek1.encrypted_key_material == first},
            "latest_dek": {"version": newest.version, "material_matches": newest.encrypted_key_material == second},
        }
    )
)
