import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The Eventline application stack; constructs are added to it as the infrastructure grows. */
export class EventlineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
  }
}
