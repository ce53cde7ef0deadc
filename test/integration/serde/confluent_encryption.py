#!/usr/bin/env python3
"""confluent-kafka's field encryption (its FieldEncryptionExecutor with the AWS KMS driver, against
moto's KMS), driven by test/integration/serde/field-encryption-interop.test.ts:

    python confluent_encryption.py write < request.json   # serializes request["value"]
    python confluent_encryption.py read < request.json    # deserializes request["bytes"]

The request names the topic, the schema (AVRO or JSON), the ENCRYPT rule as Eventline registers it
and the KEK. The schema and DEK registries are confluent-kafka's in-process mocks (mock://): the test
carries the DEK between the two sides, so what is checked is the executor's ciphertext and its KMS
wrapping, not a registry. `write` prints the record bytes and the DEK the executor created; `read`
is given the DEK Eventline created and prints the decrypted value.
"""

import base64
import json
import sys

from confluent_kafka.schema_registry import RuleSet, Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.rules.encryption.awskms.aws_driver import AwsKmsDriver
from confluent_kafka.schema_registry.rules.encryption.dek_registry.dek_registry_client import DekAlgorithm
from confluent_kafka.schema_registry.rules.encryption.encrypt_executor import Clock, FieldEncryptionExecutor
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    AwsKmsDriver.register()
    executor = FieldEncryptionExecutor.register_with_clock(Clock())
    registry = SchemaRegistryClient.new_client({'url': 'mock://eventline-encryption'})
    # Configured here, before any serde, so this script can reach the executor's DEK registry.
    executor.configure(registry.config(), {})
    dek_registry = executor.executor.client
    subject = f"{request['topic']}-value"
    rule_set = RuleSet.from_dict({'domainRules': [request['rule']]})
    schema_id = registry.register_schema(subject, Schema(request['schema'], request['schemaType'], [], None, rule_set))
    ctx = SerializationContext(request['topic'], MessageField.VALUE)
    kek = request['kek']
    algorithm = DekAlgorithm.AES256_GCM
    if mode == 'write':
        conf = {'auto.register.schemas': False, 'use.latest.version': True}
        if request['schemaType'] == 'AVRO':
            serializer = AvroSerializer(registry, request['schema'], conf=conf)
        else:
            serializer = JSONSerializer(request['schema'], registry, conf=conf)
        data = serializer(request['value'], ctx)
        dek = dek_registry.get_dek(kek['name'], subject, algorithm, -1)
        print(json.dumps({
            'bytes': base64.b64encode(data).decode(),
            'kek': {'name': kek['name'], 'kmsType': 'aws-kms', 'kmsKeyId': kek['kmsKeyId'], 'shared': False},
            'dek': {'version': dek.version, 'encryptedKeyMaterial': dek.encrypted_key_material, 'ts': dek.ts},
        }))
    else:
        dek_registry.register_kek(kek['name'], 'aws-kms', kek['kmsKeyId'], False)
        for dek in request['deks']:
            dek_registry.register_dek(kek['name'], subject, dek['encryptedKeyMaterial'], algorithm, dek['version'])
        data = bytearray(base64.b64decode(request['bytes']))
        # The schema id is the mock registry's, not the one Eventline framed with.
        data[1:5] = schema_id.to_bytes(4, 'big')
        if request['schemaType'] == 'AVRO':
            deserializer = AvroDeserializer(registry)
        else:
            deserializer = JSONDeserializer(None, schema_registry_client=registry)
        print(json.dumps({'value': deserializer(bytes(data), ctx)}))


if __name__ == '__main__':
    main()
