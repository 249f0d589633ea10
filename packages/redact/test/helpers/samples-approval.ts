/** An approval of the `samples` scope, which a level-5 disclosure needs. */
export const samplesApproval = {
  schema_version: '1',
  approver: 'data-owner@example.com',
  decision: 'approve',
  scope: ['samples'],
  reason: 'debugging a mapping issue',
  decided_at: '2024-03-01T10:00:00Z',
} as const;
