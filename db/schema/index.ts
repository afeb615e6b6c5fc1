export * from './organisation';
export * from './catalogue';
export * from './requests';
export * from './tasks';
export * from './escalations';
export * from './audit';
export * from './calendar';
export * from './negative-list';
