export { refusedAddressKind } from './address-ranges';
export { checkWebhookTarget, type CheckedTarget, type ResolvedAddress, type Resolve, type TargetCheck } from './check';
export { webhookPolicyFromEnv, type WebhookTargetPolicy } from './policy';
export { postToTarget, type PostOutcome, type PostToTarget } from './post';
