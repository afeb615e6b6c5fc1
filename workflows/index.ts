export { shareRequestWorkflow } from './share-request';
