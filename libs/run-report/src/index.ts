export * from './report-data';
export * from './from-outcomes';
export * from './stored-run';
export { renderRunReport } from './html/render';
