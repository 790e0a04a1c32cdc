/**
 * Industry-chain adjacency between GB/T 4754-2017 divisions (大类), for recommendations: a supplier in an
 * upstream division and a buyer in a downstream one (电子器件 C39 → 汽车 C36) are each other's natural
 * partners even when their texts share only a few words.
 *
 * Source note: hand-curated data, not computed. Each pair names a division whose main products are a
 * direct input of the other's, read from the division descriptions of GB/T 4754-2017 (国民经济行业分类,
 * 注释) — e.g. C32 有色金属 (copper, lithium) → C38 电气机械 (motors, cables, batteries); C39 电子器件
 * (chips, sensors) → C36 汽车. It is deliberately small: only links a Chinese industrial buyer would call
 * 上下游 without hesitation. Services that serve every industry (M73 研究和试验发展, M75 科技推广, I65 software
 * as a general tool) are not linked to everything; they would turn the bonus into noise. Extend it here,
 * as data; `CHAIN_VERSION` changes with every edit.
 *
 * Direction is kept (upstream → downstream) so a reason can say which side supplies which; matching
 * itself treats the link as symmetric.
 */
export const CHAIN_VERSION = '2026-12-05.1';

/** [upstream division, downstream division, what flows] */
export const INDUSTRY_CHAIN: readonly (readonly [string, string, string])[] = [
  // agriculture and food
  ['A01', 'C13', '粮油果蔬原料'],
  ['A03', 'C13', '畜禽原料'],
  ['A05', 'A01', '农业服务'],
  ['C13', 'C14', '食品原料'],
  ['C26', 'A01', '化肥农药'],
  ['C35', 'A01', '农业机械'],
  // energy and raw materials
  ['B06', 'D44', '电煤'],
  ['B06', 'C25', '原料煤'],
  ['B07', 'C25', '原油'],
  ['C25', 'C26', '石化原料'],
  ['C26', 'C27', '医药中间体'],
  ['C26', 'C28', '化纤单体'],
  ['C26', 'C29', '树脂助剂'],
  ['C26', 'C38', '电池材料'],
  ['C26', 'C39', '电子化学品'],
  ['C28', 'C17', '化学纤维'],
  ['C17', 'C18', '面料'],
  ['C22', 'C23', '纸张'],
  ['C30', 'E47', '建材'],
  ['C30', 'E48', '建材'],
  ['C30', 'C39', '玻璃陶瓷基材'],
  // metals and machinery
  ['C31', 'C33', '钢材'],
  ['C31', 'C34', '钢材'],
  ['C31', 'C35', '钢材'],
  ['C31', 'C36', '汽车用钢'],
  ['C31', 'C37', '钢材'],
  ['C32', 'C38', '铜铝锂等有色金属'],
  ['C32', 'C39', '电子金属材料'],
  ['C32', 'C33', '有色金属材料'],
  ['C33', 'C34', '金属零部件'],
  ['C33', 'C35', '金属零部件'],
  ['C34', 'C35', '通用零部件'],
  ['C34', 'C36', '发动机轴承等通用部件'],
  ['C34', 'C37', '通用部件'],
  ['C29', 'C36', '轮胎塑料件'],
  ['C38', 'C36', '电机电池电控'],
  ['C38', 'C37', '电气设备'],
  ['C38', 'D44', '电力设备'],
  ['C39', 'C36', '车规芯片传感器'],
  ['C39', 'C37', '航电器件'],
  ['C39', 'C38', '功率器件控制芯片'],
  ['C39', 'C40', '传感器件'],
  ['C39', 'I63', '通信设备'],
  ['C40', 'C35', '检测仪器'],
  ['C40', 'C34', '检测仪器'],
  ['C35', 'C27', '制药装备'],
  ['C35', 'C39', '半导体装备'],
  ['C35', 'C36', '生产装备'],
  ['C27', 'Q84', '药品'],
  ['C35', 'Q84', '医疗器械'],
  // utilities, environment, logistics, digital
  ['D44', 'D45', '电力'],
  ['D46', 'N77', '水处理'],
  ['N77', 'C26', '环保治理'],
  ['C36', 'G54', '车辆'],
  ['G59', 'F51', '仓储物流'],
  ['G59', 'F52', '仓储物流'],
  ['I63', 'I64', '网络通信'],
  ['I64', 'I65', '互联网平台'],
];

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

const LINKS: ReadonlyMap<string, { up: string; down: string; flow: string }> = new Map(
  INDUSTRY_CHAIN.map(([up, down, flow]) => [key(up, down), { up, down, flow }] as const),
);

/** The chain link between two divisions ('C38', 'C36'), either direction; undefined when none. */
export function chainLink(a: string, b: string): { up: string; down: string; flow: string } | undefined {
  if (a.length < 3 || b.length < 3) return undefined;
  return LINKS.get(key(a.slice(0, 3), b.slice(0, 3)));
}
