// The open-data page's words, in both languages.
export const zh = {
  title: '开放数据',
  footerLink: '开放数据（OCDS）',
  lead: '本平台按开放缔约数据标准（Open Contracting Data Standard，OCDS 1.1.5）公开全部采购公告、选取结果和合同，任何人无需登录即可下载，供公众、媒体和研究人员使用。',
  endpoints: '数据接口',
  releases: '发布包（release package）',
  releasesHelp:
    '按发生时间排序的全部发布记录：公告发布、撤销、报名截止（报名机构与报价）、流标、成交、合同生效与终止。每页最多 100 条，响应中的 links.next 指向下一页；可用 since 参数从某一时间开始。',
  records: '记录包（record package）',
  recordsHelp:
    '一个采购过程（一个 ocid）的全部发布记录及其汇总后的当前状态（compiled release）。ocid 由前缀和公告编号组成，见每条发布记录。',
  sealedTitle: '密封的信息不会提前公开',
  sealed:
    '报名截止前，发布记录只包含公告本身：不含报名机构、报名数量或报价。报名截止后才公开报名机构（tenderer）及其是否合格；报价仅在竞价选取和综合评审方式下公开（bids 扩展）。',
  partiesTitle: '当事方及其角色',
  parties:
    '采购人（buyer、procuringEntity）、报名机构（tenderer）、成交机构（supplier），以及负责该服务事项、受理投诉的监管部门（reviewBody）。组织以统一社会信用代码标识（CN-USCC）。',
  money: '金额以人民币元表示，精确到分。',
  docs: '完整的接口说明见 API 文档。',
  apiDocs: 'API 文档',
  example: '示例：',
};

export const en: typeof zh = {
  title: 'Open data',
  footerLink: 'Open data (OCDS)',
  lead: 'The marketplace publishes every announcement, selection result and contract in the Open Contracting Data Standard (OCDS 1.1.5). Anyone may download them without signing in: the public, the press and researchers.',
  endpoints: 'Endpoints',
  releases: 'Release packages',
  releasesHelp:
    'Every release in date order: announcement published, cancelled, registration closed (registrants and quotes), failed, awarded, contract in force and ended. Up to 100 a page; links.next in the answer is the next page; the since parameter starts at a time.',
  records: 'Record packages',
  recordsHelp:
    'Every release of one contracting process (one ocid) and its compiled release, the current state. An ocid is the prefix followed by the announcement code; each release shows it.',
  sealedTitle: 'Nothing sealed is published early',
  sealed:
    'Before the registration deadline a process has only its tender release: no registrant, no count of registrants, no quote. After the deadline the registrants (tenderers) and whether each was eligible are published; quotes only for the lowest-price and comprehensive methods (the bids extension).',
  partiesTitle: 'Parties and their roles',
  parties:
    'The owner (buyer, procuringEntity), the registrants (tenderer), the selected agency (supplier) and the regulator in charge of the service item, who reviews complaints (reviewBody). Organisations are identified by their unified social credit code (CN-USCC).',
  money: 'Amounts are in Chinese yuan, exact to the fen.',
  docs: 'The API documentation describes every parameter.',
  apiDocs: 'API documentation',
  example: 'Example: ',
};
