/**
 * The usage report panel's view type: registered for its serializer at activation
 * (reportLauncher.ts) and used to create the panel in the report's own bundle (usagePanel.ts).
 */
export const USAGE_VIEW_TYPE = 'sconnector.usageReport';
