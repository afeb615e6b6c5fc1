import type { Calendar } from '../calendar';
import type { Db } from '../db/client';
import { auditActivities } from './audit';
import { catalogueActivities } from './catalogue';
import { deadlineActivities } from './deadlines';
import { escalationActivities } from './escalations';
import { requestActivities } from './requests';
import { taskActivities } from './tasks';
import { webhookActivities, type WebhookDeliveryOptions } from './webhooks';
import { withStoreRefusals } from './store-errors';

export interface ActivityDeps {
  db: Db;
  /** The calendar in force now, including years published at run time. */
  calendar: () => Promise<Calendar>;
  /** Where webhooks may be delivered, and how. @default the policy from the environment, the real network */
  webhooks?: WebhookDeliveryOptions;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...deadlineActivities(deps.calendar),
    ...withStoreRefusals(taskActivities(deps.db)),
    ...withStoreRefusals(escalationActivities(deps.db)),
    ...withStoreRefusals(requestActivities(deps.db)),
    ...withStoreRefusals(catalogueActivities(deps.db)),
    ...webhookActivities(deps.db, deps.webhooks),
    ...auditActivities(deps.db),
  };
}
