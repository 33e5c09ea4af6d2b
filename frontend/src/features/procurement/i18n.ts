// The owner's procurement queues on its announcements list, linked from the to-do board.
export const zh = {
  filter: '待办筛选',
  all: '全部公告',
  choose: '待直接选取',
  objections: '待答复质疑',
};

export const en: typeof zh = {
  filter: 'To-do filter',
  all: 'All announcements',
  choose: 'Direct choice due',
  objections: 'Objections to answer',
};
