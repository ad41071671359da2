/** Chinese personal names: the surnames a byline starts names with. */

/** Single-character surnames, the common ones (about 99 % of the population), most frequent first. */
const SURNAME_LIST = [
  ...(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由' +
    '蹇仰鲜谯祈郗钮聂晃凤庹弓苻牧缑东蓬朗佴漆冒宓衷伦'
  ),
];
export const SURNAMES = new Set(SURNAME_LIST);
const RANK = new Map<string, number>();
SURNAME_LIST.forEach((c, i) => RANK.has(c) || RANK.set(c, i));

/** How common a surname is: 0 for 王, larger for rarer ones, 1000 for none. */
export function surnameRank(name: string): number {
  if (name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2))) return 500;
  return RANK.get(name[0] ?? '') ?? 1000;
}

/** Two-character surnames. */
export const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 澹台 轩辕 呼延 独孤 南宫 ' +
    '万俟 闻人 申屠 太史 钟离 公羊 西门 东郭 百里 司空 第五 赫连 拓跋 左丘 亓官 濮阳 淳于 单于 谷梁 公冶 ' +
    '梁丘 乐正 司寇 巫马 公西 漆雕 壤驷 公良 段干 呼衍 东门 仲孙 叔孙 鲜于 颛孙 夹谷 宰父 即墨 宗政 羊舌 微生'
  ).split(' '),
);

/** Length of the surname `name` starts with (2 for 欧阳…, 1 for 王…), or 0. */
export function surnameLength(name: string): number {
  if (name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2))) return 2;
  return SURNAMES.has(name[0] ?? '') ? 1 : 0;
}

/** One pinyin syllable without tone marks (`zhang`, `guo`, `lv`, `er`). */
const SYLLABLE = '(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iong|uang|iang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ve|ue|er|a|o|e|i|u|v))';
const PINYIN_WORD = new RegExp(`^${SYLLABLE}(?:['’-]?${SYLLABLE}){0,3}$`, 'i');

/** Is this word pinyin (`Zengguo`, `Jian'ai`, `Yan-hua`)? */
export function isPinyinWord(word: string): boolean {
  return PINYIN_WORD.test(word);
}
