/**
 * Well-known common passwords, lower-cased (compared case-insensitively by password-policy.ts).
 *
 * A curated list of 394 entries: the top of the widely published leaked-password rankings (the RockYou
 * and SplashData/NordPass "worst passwords" lists, and the 2011 CSDN/Tianya leak rankings that dominate
 * Chinese lists: 123456, a123456, woaini1314, qq123456, 5201314, 1qaz2wsx…), keyboard walks, repeated
 * digits, dates, pinyin favourites and the "complex-looking" defaults that pass naive class rules
 * (Aa123456, P@ssw0rd, Admin@123, Huawei@123, Qwer@1234…). Written from those public rankings; no list
 * file was copied. Extend freely: one lower-case entry per string.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456', '123456789', '12345678', '12345', '1234567', '1234567890', '123123', '111111', '000000',
  '666666', '888888', '121212', '112233', '123321', '654321', '987654321', '147258369', '159357', '147258',
  '258369', '5201314', '520520', '1314520', 'woaini', 'woaini1314', 'woaini520', 'iloveyou', 'iloveyou1',
  'a123456', 'a12345678', 'a123456789', 'aa123456', 'aa12345678', 'abc123', 'abc123456', 'abc12345',
  'abcd1234', 'abcd123456', 'abc@123', 'qq123456', 'qq5201314', 'q123456', 'q1w2e3r4', 'q1w2e3r4t5',
  'qwe123', 'qwe123456', 'qweasd', 'qweasdzxc', 'qwerty', 'qwerty123', 'qwertyuiop', '1qaz2wsx',
  '1qaz2wsx3edc', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'zaq12wsx', 'zxcvbnm', 'asdfghjkl', 'asdf1234',
  'asdasd', 'zxc123', 'zxc123456', 'aaaaaa', 'aaa111', 'a1b2c3', 'a1b2c3d4', 'password', 'password1',
  'password123', 'p@ssw0rd', 'p@ssword', 'passw0rd', 'pa$$w0rd', 'admin', 'admin123', 'admin@123',
  'admin888', 'admin1234', 'administrator', 'root', 'root123', 'root@123', 'test', 'test123', 'test1234',
  'guest', 'welcome', 'welcome1', 'welcome123', 'aa123456!', 'aa123456.', 'aa@123456', 'abc@1234',
  'abc123!@#', 'qwer1234', 'qwer@1234', 'qwe@123', 'qwe123!@#', '1qaz@wsx', '1qaz!qaz', 'p@ssw0rd!',
  'p@$$w0rd', 'passw0rd!', 'password1!', 'password@123', 'password123!', 'admin123!', 'admin@1234',
  'admin!@#', 'huawei@123', 'huawei12#$', 'changeme123', 'welcome@123', 'welcome1!', 'test@123', 'sa123456',
  '5201314520', '123qwe', '123qweasd', '123qweasdzxc', '123abc', '123asd', '123456a', '123456aa',
  '123456abc', '123456q', '123456qq', '12345qwert', '123456789a', '1234qwer', '1234abcd', '12345a',
  '112233abc', '147258369a', '00000000', '11111111', '22222222', '88888888', '99999999', '66666666',
  '12341234', '11223344', '123654', '123654789', '159753', '741852963', '789456', '789456123', '963852741',
  '321321', '456456', '520131', '1314521', '5211314', 'woaiwojia', 'woainima', 'wodemima', 'mima123',
  'nicai', 'caonima', 'zhangwei', 'wangwei', 'liuyang', 'zhangjie', 'zhang123', 'wang123', 'li123456',
  'chen123', 'lin123', 'huang123', 'dragon', 'monkey', 'football', 'baseball', 'basketball', 'soccer',
  'master', 'shadow', 'sunshine', 'princess', 'superman', 'batman', 'starwars', 'letmein', 'trustno1',
  'whatever', 'freedom', 'hello', 'hello123', 'hello1234', 'love', 'lovely', 'love1314', 'loveyou',
  'fuckyou', 'killer', 'charlie', 'michael', 'jennifer', 'jordan', 'jordan23', 'hunter', 'hunter2', 'ranger',
  'buster', 'thomas', 'tigger', 'robert', 'soccer1', 'harley', 'matthew', 'daniel', 'andrew', 'joshua',
  'pepper', 'ginger', 'cheese', 'summer', 'winter', 'spring', 'autumn', 'flower', 'orange', 'banana',
  'apple', 'apple123', 'computer', 'internet', 'google', 'baidu', 'baidu123', 'taobao', 'alibaba', 'tencent',
  'weixin', 'wechat', 'qwe123qwe', 'qazwsx', 'qazwsxedc', 'qaz123', 'wsx123', 'zaq123', 'asd123',
  'asd123456', 'asdf123', 'asdfasdf', 'zxcv1234', 'zxcvbn', 'zxcvbnm123', '1q2w3e4r5t6y', '1a2b3c4d',
  '1234qwerasdf', 'a1234567', 'a12345', 'aaa123', 'aaa123456', 'aaaa1111', 'abcdef', 'abcdefg', 'abcdefgh',
  'abcd', 'abcabc', 'abc123abc', 'abcabc123', 'china', 'china123', 'beijing', 'shanghai', 'shenzhen',
  'guangzhou', 'zhongguo', 'zhongguo123', 'xiaoming', 'xiaohong', 'xiaoqiang', 'wangyi', 'kaixin', 'kuaile',
  'xingfu', 'tiantian', 'yangyang', 'lili', 'jiajia', 'dandan', 'haha123', 'hahaha', 'hehe123', 'woaini123',
  'woaini521', 'iloveu', 'iloveyou2', '111222', '111222333', '112233445566', '123123123', '123456123456',
  '12345678910', '1234567890a', '0123456789', '01234567', '012345', '007007', '778899', '7758521', '7758258',
  '584520', '521521', '520999', '1234560', '1233210', '147852', '147852369', '369258147', 'qwert',
  'qwert123', 'qweqwe', 'qwerqwer', 'asdfgh', 'asdfg', 'zxcvb', 'poiuytrewq', 'mnbvcxz', 'password!',
  'password12', 'password1234', 'passwd', 'pass123', 'pass1234', 'pass@123', 'secret', 'secret123', 'login',
  'login123', 'user', 'user123', 'user1234', 'system', 'system123', 'manager', 'manager123', 'oracle',
  'mysql', 'server', 'server123', 'super', 'super123', 'default', 'changeme', 'temp123', 'demo', 'demo123',
  'abcd@1234', 'abc@12345', 'a@123456', 'a123456.', 'a123.456', '123456.', '123456.a', '123.com', '123@abc',
  'asd@123', 'zxcv@1234', 'qaz123456', 'qaz@123456', 'ab123456', 'abc12345678', 'abcd!234', 'aa111111',
  'aa000000', 'aa888888', 'aa666666', 'aa123123', 'aa112233', 'a123456a', 'z123456', 'p@ssword1',
  'p@ssw0rd1', 'p@ssw0rd123', 'p@ssw0rd2020', 'password2020', 'password2020!', 'admin2020', 'admin@2020',
  'abc@2020', 'qwe@2020', '2020', '20202020', '2021', '20212021', '19491001', '19900101', '19880808',
  '20080808',
];
