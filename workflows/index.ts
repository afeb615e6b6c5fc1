export { shareRequestWorkflow } from './share-request';
export { catalogueChangeWorkflow } from './catalogue-change';
export { qualityDisputeWorkflow } from './quality-dispute';
export { negativeListWorkflow } from './negative-list';
export { dataInconsistencyWorkflow } from './data-inconsistency';
export { auditAnchorWorkflow } from './audit-anchor';
