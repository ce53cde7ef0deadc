#!/usr/bin/env python3
"""confluent-kafka's field encryption (its FieldEncryptionExecutor with the AWS KMS driver, against
moto's KMS and Eventline's registry service with its DEK registry), driven by
test/integration/serde/field-encryption-interop.test.ts:

    python confluent_encryption.py write < request.json   # registers the schema with its rule, serializes request["value"]
    python confluent_encryption.py read < request.json    # deserializes request["bytes"]

The request gives the registry URL, the topic, the schema (AVRO or JSON) and, for write, the
ENCRYPT rule as Eventline registers it. The executor finds or creates the KEK and DEKs in the
registry service, as any Confluent client would.
"""

import base64
import json
import sys

from confluent_kafka.schema_registry import RuleSet, Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.rules.encryption.awskms.aws_driver import AwsKmsDriver
from confluent_kafka.schema_registry.rules.encryption.encrypt_executor import FieldEncryptionExecutor
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    AwsKmsDriver.register()
    FieldEncryptionExecutor.register()
    registry = SchemaRegistryClient({'url': request['url']})
    ctx = SerializationContext(request['topic'], MessageField.VALUE)
    avro = request['schemaType'] == 'AVRO'
    if mode == 'write':
        rule_set = RuleSet.from_dict({'domainRules': [request['rule']]})
        schema = Schema(request['schema'], request['schemaType'], [], None, rule_set)
        registry.register_schema(f"{request['topic']}-value", schema)
        conf = {'auto.register.schemas': False, 'use.latest.version': True}
        if avro:
            serializer = AvroSerializer(registry, request['schema'], conf=conf)
        else:
            serializer = JSONSerializer(request['schema'], registry, conf=conf)
        data = serializer(request['value'], ctx)
        print(json.dumps({'bytes': base64.b64encode(data).decode()}))
    else:
        deserializer = AvroDeserializer(registry) if avro else JSONDeserializer(None, schema_registry_client=registry)
        print(json.dumps({'value': deserializer(base64.b64decode(request['bytes']), ctx)}))


if __name__ == '__main__':
    main()
