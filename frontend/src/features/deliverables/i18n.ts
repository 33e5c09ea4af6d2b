// The notifications about deliverables, in both languages: what the other party of a contract is
// told when a version is submitted, returned or accepted, and at final acceptance (验收).
export const zh = {
  kinds: {
    deliverable_submitted: '成果已提交，待验收',
    deliverable_returned: '成果被退回',
    deliverable_accepted: '成果已通过验收',
    contract_accepted: '合同已终验，履约结束',
  },
  bodies: {
    deliverable_submitted:
      '中介机构提交了合同“{{title}}”（{{code}}）第 {{milestone}} 个履约节点“{{name}}”的成果（第 {{version}} 版），请审核。',
    deliverable_returned:
      '业主退回了合同“{{title}}”（{{code}}）第 {{milestone}} 个履约节点“{{name}}”的成果（第 {{version}} 版）。意见：{{comments}}',
    deliverable_accepted:
      '业主通过了合同“{{title}}”（{{code}}）第 {{milestone}} 个履约节点“{{name}}”的成果（第 {{version}} 版）。',
    contract_accepted: '合同“{{title}}”（{{code}}）已通过最终验收，履约结束。验收证书编号：{{certificate}}。',
  },
};

export const en: typeof zh = {
  kinds: {
    deliverable_submitted: 'Deliverables submitted for review',
    deliverable_returned: 'Deliverables returned',
    deliverable_accepted: 'Deliverables accepted',
    contract_accepted: 'Final acceptance: contract completed',
  },
  bodies: {
    deliverable_submitted:
      'The agency submitted version {{version}} of milestone {{milestone}} “{{name}}” of the contract “{{title}}” ({{code}}) for your review.',
    deliverable_returned:
      'The owner returned version {{version}} of milestone {{milestone}} “{{name}}” of the contract “{{title}}” ({{code}}). Comments: {{comments}}',
    deliverable_accepted:
      'The owner accepted version {{version}} of milestone {{milestone}} “{{name}}” of the contract “{{title}}” ({{code}}).',
    contract_accepted:
      'The contract “{{title}}” ({{code}}) passed final acceptance and is completed. Acceptance certificate: {{certificate}}.',
  },
};
