/**
 * Scientific terms that OpenCC's Taiwan conversion with phrases (`s2twp`)
 * gets wrong, and the Taiwan form each must have. The list is applied on top
 * of OpenCC (`toTraditional` in index.ts): a listed term found in the
 * Simplified text is written in its Taiwan form; the text around it goes
 * through OpenCC as before.
 *
 * Each entry: the Simplified term, its Taiwan form, what OpenCC makes of it
 * (the tests check that OpenCC still does, so that an OpenCC update that
 * fixes or changes a term is noticed), and a note: what the term means and
 * why the Taiwan form is that one. The Taiwan forms are the standard ones of
 * Taiwan's scientific and medical usage, as in the bilingual terminology of
 * the National Academy for Educational Research (國家教育研究院 樂詞網,
 * terms.naer.edu.tw) and in Taiwan's textbooks and hospitals; they were
 * written from knowledge of that usage, not looked up entry by entry.
 *
 * Kinds of entries:
 * - `wrong`: OpenCC's Taiwan phrase table turns the term into another word
 *   (攝護腺素 for prostaglandin reads as "prostate", 程式性死亡 as "software");
 * - `it`: OpenCC's computing phrases (TWPhrasesIT) give a word its computing
 *   sense, wrong in scientific prose (參數 → 引數 "argument", 循環 → 迴圈
 *   "loop");
 * - `taiwan`: OpenCC keeps the mainland term where Taiwan's standard term
 *   differs (線粒體 for 粒線體, 細胞因子 for 細胞激素);
 * - `keep`: a phrase OpenCC converts right, listed so that it keeps OpenCC's
 *   form: computing compounds of an `it` word (數據類型 → 資料型別), and
 *   words that must not be read across their boundary (刺激 | 活性, not
 *   刺 | 激活 | 性; OpenCC alone writes 刺啟用性).
 *
 * Guards (`TW_GUARDS`) are terms OpenCC already converts right; the tests
 * check they stay so through the list. Hong Kong (`HK_TERMS`): see there.
 *
 * How the list is applied (opencc.ts), as OpenCC's own user dictionaries
 * work: `wrong`, `taiwan` and `keep` terms take part in cutting the text into
 * segments, by longest match from the left among OpenCC's phrases and the
 * terms (a term wins over a phrase of the same length), and a term's segment
 * is written in its listed form. A term that starts inside one of OpenCC's
 * phrases is not seen (双方差异 is 双方 | 差异, not 双 | 方差 | 异). `it`
 * entries replace the Taiwan phrase table's entry for their word, wherever
 * OpenCC would use it; OpenCC's longer computing phrases holding the word
 * (死迴圈, 參數列) still apply.
 */

export type TermKind = 'wrong' | 'it' | 'keep' | 'taiwan';

export interface TermException {
  /** The term as a Simplified Chinese article writes it (Han characters only). */
  zh: string;
  /** The form it must have (Taiwan's for `TW_TERMS`, Hong Kong's for `HK_TERMS`). */
  to: string;
  /** What OpenCC makes of it (`s2twp`, `s2hk`); equal to `to` for `keep` entries. */
  opencc: string;
  kind: TermKind;
  /** What the term is, and why its Taiwan form is this one. */
  note: string;
}

const e = (kind: TermKind, zh: string, to: string, opencc: string, note: string): TermException => ({ zh, to, opencc, kind, note });
const wrong = (zh: string, tw: string, opencc: string, note: string) => e('wrong', zh, tw, opencc, note);
const it = (zh: string, tw: string, opencc: string, note: string) => e('it', zh, tw, opencc, note);
const keep = (zh: string, tw: string, note: string) => e('keep', zh, tw, tw, note);
const taiwan = (zh: string, tw: string, opencc: string, note: string) => e('taiwan', zh, tw, opencc, note);

export const TW_TERMS: readonly TermException[] = [
  // ---- OpenCC's Taiwan phrases turn the term into another word
  wrong('前列腺素', '前列腺素', '攝護腺素', 'prostaglandin (前列腺素E2, PGE2): Taiwan keeps 前列腺素; 攝護腺 names the prostate gland only'),
  wrong('程序性', '程序性', '程式性', 'programmed, procedural (程序性死亡 PD-1, 程序性細胞死亡 programmed cell death): 程序, a procedure; 程式 is a computer program'),
  wrong('程序化死亡', '程序化死亡', '程式化死亡', 'programmed death: as 程序性'),
  wrong('程序化细胞死亡', '程序化細胞死亡', '程式化細胞死亡', 'programmed cell death: as 程序性'),
  wrong('治疗程序', '治療程序', '治療程式', 'treatment procedure: 程序 (procedure), not 程式 (program)'),
  wrong('手术程序', '手術程序', '手術程式', 'surgical procedure: 程序'),
  wrong('诊疗程序', '診療程序', '診療程式', 'clinical procedure: 程序'),
  wrong('实验程序', '實驗程序', '實驗程式', 'experimental procedure: 程序'),
  wrong('操作程序', '操作程序', '操作程式', 'operating procedure: 程序'),
  wrong('标准操作程序', '標準作業程序', '標準操作程式', 'standard operating procedure (SOP): Taiwan 標準作業程序'),
  wrong('法律程序', '法律程序', '法律程式', 'legal procedure: 程序'),
  wrong('疾病进程', '疾病進程', '疾病程序', 'course of a disease: 進程; OpenCC reads 进程 as an operating-system process'),
  wrong('白细胞介素', '介白素', '白血球介素', 'interleukin (介白素-6, IL-6): Taiwan 介白素; OpenCC makes a hybrid of 白血球 and 介素'),
  wrong('鼠标本', '鼠標本', '滑鼠本', 'mouse or rat specimen (小鼠標本): not 鼠标 "computer mouse" + 本'),
  wrong('鼠标记', '鼠標記', '滑鼠記', 'marking of mice or rats (大鼠標記): not 鼠标 "computer mouse" + 记'),
  wrong('信息素', '費洛蒙', '資訊素', 'pheromone: Taiwan 費洛蒙; 資訊 is information technology'),
  wrong('遗传信息', '遺傳訊息', '遺傳資訊', 'genetic information: Taiwan biology writes 遺傳訊息'),
  wrong('界面张力', '界面張力', '介面張力', 'interfacial tension: 界面 is the boundary of two phases; 介面 is a user or device interface'),
  wrong('界面活性剂', '界面活性劑', '介面活性劑', 'surfactant: Taiwan 界面活性劑'),
  wrong('相界面', '相界面', '相介面', 'phase boundary: 界面'),
  wrong('固液界面', '固液界面', '固液介面', 'solid–liquid interface: 界面'),
  wrong('交互作用', '交互作用', '互動作用', 'interaction (statistics, pharmacology): Taiwan 交互作用'),
  wrong('检测项目', '檢測項目', '檢測專案', 'test item: 項目 (item); 專案 is a project'),
  wrong('检查项目', '檢查項目', '檢查專案', 'examination item: 項目'),
  wrong('队列研究', '世代研究', '佇列研究', 'cohort study: Taiwan epidemiology 世代研究; 佇列 is a data queue'),
  wrong('出生队列', '出生世代', '出生佇列', 'birth cohort: 世代'),
  wrong('窗口期', '空窗期', '視窗期', 'window period of an infection: Taiwan 空窗期; 視窗 is a screen window'),
  wrong('利益冲突声明', '利益衝突聲明', '利益衝突宣告', 'conflict-of-interest statement: 聲明; 宣告 is a program declaration'),
  wrong('局部麻醉', '局部麻醉', '區域性麻醉', 'local anaesthesia: Taiwan 局部麻醉'),
  wrong('密切联系', '密切聯繫', '密切聯絡', 'close relation: 聯繫 (relation); 聯絡 is getting in touch'),
  wrong('联系密切', '聯繫密切', '聯絡密切', 'closely related: 聯繫'),
  wrong('相互联系', '相互聯繫', '相互聯絡', 'interrelation: 聯繫'),
  wrong('内在联系', '內在聯繫', '內在聯絡', 'inner relation: 聯繫'),
  wrong('关联系数', '關聯係數', '關聯絡數', 'relational coefficient (灰色關聯係數): 關聯 + 係數, not 聯繫/聯絡 across the two words'),
  wrong('范德华', '凡得瓦', '範德華', 'van der Waals (凡得瓦力): Taiwan 凡得瓦; OpenCC writes the name 范 as 範 (model)'),
  wrong('范德瓦尔斯', '凡得瓦', '範德瓦爾斯', 'van der Waals: Taiwan 凡得瓦'),
  keep('刺激', '刺激', 'stimulus: a phrase of its own, so that 刺激活性 is not read as 刺 + 激活 (OpenCC: 刺啟用性)'),
  keep('应激', '應激', 'stress response: so that 應激活動 is not read as 應 + 激活'),
  keep('信息素质', '資訊素質', 'information literacy: 信息 + 素質, not 信息素 (pheromone)'),
  keep('信息素养', '資訊素養', 'information literacy: 信息 + 素養, not 信息素'),
  keep('鼠标本身', '滑鼠本身', 'the computer mouse itself: 鼠标 + 本身, not 鼠标本'),
  keep('鼠标记录', '滑鼠記錄', 'mouse (pointer) recording: 鼠标 + 记录, not 鼠标记'),
  keep('自身免疫力', '自身免疫力', "one's own immunity: 自身 + 免疫力, not autoimmunity"),

  // ---- computing senses of OpenCC's IT phrases, wrong in scientific prose
  it('参数', '參數', '引數', 'parameter: 參數; 引數 is the argument of a program function'),
  it('函数', '函數', '函式', 'function (mathematics, physics: 波函數, 密度函數): 函數; 函式 is a program subroutine'),
  it('类型', '類型', '型別', 'type, kind (細胞類型): 類型; 型別 is a programming data type'),
  it('激活', '活化', '啟用', 'activation (T cells, enzymes, 活化能): Taiwan 活化; 啟用 is switching software on'),
  it('循环', '循環', '迴圈', 'circulation, cycle (血液循環, 惡性循環): 循環; 迴圈 is a program loop'),
  it('添加', '添加', '新增', 'to add (添加劑 additive): 添加; 新增 is adding an item in software'),
  it('剪切', '剪切', '剪下', 'shear, cleavage (剪切應力, 蛋白酶剪切): 剪切; 剪下 is "cut" in an editor'),
  it('社区', '社區', '社群', 'community, neighbourhood (社區醫院, 社區獲得性肺炎): 社區; 社群 is an online community'),
  it('禁用', '禁用', '停用', 'contraindicated (孕婦禁用): 禁用; 停用 is disabling a feature'),
  it('实例', '實例', '例項', 'instance, example: 實例'),
  it('扩展', '擴展', '擴充套件', 'extension, expansion: 擴展; 擴充套件 is a browser extension'),
  it('分区', '分區', '分割槽', 'zone, partition of a region (分區): 分區; 分割槽 is a disk partition'),
  keep('数据类型', '資料型別', 'data type (programming): OpenCC\'s 型別 kept'),
  keep('类型系统', '型別系統', 'type system (programming)'),
  keep('类型检查', '型別檢查', 'type checking (programming)'),
  keep('类型转换', '型別轉換', 'type conversion (programming)'),
  keep('循环语句', '迴圈語句', 'loop statement (programming)'),
  keep('死循环', '死迴圈', 'endless loop (programming)'),
  keep('无限循环', '無限迴圈', 'infinite loop (programming)'),
  keep('社区结构', '社群結構', 'community structure of a network: Taiwan 社群 (network science), as OpenCC writes it'),
  keep('社区发现', '社群發現', 'community detection in a network: 社群'),
  keep('社区检测', '社群檢測', 'community detection in a network: 社群'),
  keep('扩展名', '副檔名', 'file name extension'),
  keep('文件扩展名', '副檔名', 'file name extension'),

  // ---- Taiwan's standard term differs from the mainland one OpenCC keeps
  taiwan('线粒体', '粒線體', '線粒體', 'mitochondrion: Taiwan 粒線體'),
  taiwan('自然杀伤细胞', '自然殺手細胞', '自然殺傷細胞', 'natural killer (NK) cell: Taiwan 自然殺手細胞'),
  taiwan('细胞因子', '細胞激素', '細胞因子', 'cytokine: Taiwan 細胞激素 (細胞激素風暴)'),
  taiwan('自身免疫', '自體免疫', '自身免疫', 'autoimmunity (自體免疫疾病): Taiwan 自體免疫'),
  taiwan('单克隆抗体', '單株抗體', '單克隆抗體', 'monoclonal antibody: Taiwan 單株抗體'),
  taiwan('多克隆抗体', '多株抗體', '多克隆抗體', 'polyclonal antibody: Taiwan 多株抗體'),
  taiwan('聚合酶链反应', '聚合酶連鎖反應', '聚合酶鏈反應', 'polymerase chain reaction (PCR): Taiwan 聚合酶連鎖反應'),
  taiwan('聚合酶链式反应', '聚合酶連鎖反應', '聚合酶鏈式反應', 'polymerase chain reaction (PCR): Taiwan 聚合酶連鎖反應'),
  taiwan('脱氧核糖核酸', '去氧核糖核酸', '脫氧核糖核酸', 'deoxyribonucleic acid (DNA): Taiwan 去氧核糖核酸'),
  taiwan('高尔基体', '高基氏體', '高爾基體', 'Golgi apparatus: Taiwan 高基氏體'),
  taiwan('谷胱甘肽', '麩胱甘肽', '谷胱甘肽', 'glutathione: Taiwan 麩胱甘肽 (as 麩胺酸, which OpenCC already writes)'),
  taiwan('糖蛋白', '醣蛋白', '糖蛋白', 'glycoprotein: Taiwan writes carbohydrates with 醣'),
  taiwan('糖基化', '醣基化', '糖基化', 'glycosylation: 醣'),
  taiwan('寡糖', '寡醣', '寡糖', 'oligosaccharide: 醣'),
  taiwan('幽门螺杆菌', '幽門螺旋桿菌', '幽門螺桿菌', 'Helicobacter pylori: Taiwan 幽門螺旋桿菌'),
  taiwan('支原体', '黴漿菌', '支原體', 'Mycoplasma: Taiwan 黴漿菌'),
  taiwan('衣原体', '披衣菌', '衣原體', 'Chlamydia: Taiwan 披衣菌'),
  taiwan('中性粒细胞', '嗜中性球', '中性粒細胞', 'neutrophil: Taiwan 嗜中性球'),
  taiwan('单核细胞', '單核球', '單核細胞', 'monocyte: Taiwan 單核球'),
  taiwan('胰高血糖素', '升糖素', '胰高血糖素', 'glucagon: Taiwan 升糖素'),
  taiwan('去甲肾上腺素', '正腎上腺素', '去甲腎上腺素', 'norepinephrine: Taiwan 正腎上腺素'),
  taiwan('对乙酰氨基酚', '乙醯胺酚', '對乙醯胺基酚', 'acetaminophen (paracetamol): Taiwan 乙醯胺酚; OpenCC makes a hybrid'),
  taiwan('靶向治疗', '標靶治療', '靶向治療', 'targeted therapy: Taiwan 標靶治療'),
  taiwan('乳腺癌', '乳癌', '乳腺癌', 'breast cancer: Taiwan 乳癌'),
  taiwan('脑卒中', '腦中風', '腦卒中', 'stroke: Taiwan 腦中風'),
  taiwan('精神分裂症', '思覺失調症', '精神分裂症', 'schizophrenia: Taiwan renamed it 思覺失調症 in 2014'),
  taiwan('干燥综合征', '乾燥症', '乾燥綜合徵', 'Sjögren syndrome: Taiwan 乾燥症'),
  taiwan('重症急性呼吸综合征', '嚴重急性呼吸道症候群', '重症急性呼吸綜合徵', 'severe acute respiratory syndrome (SARS): Taiwan 嚴重急性呼吸道症候群'),
  taiwan('骨髓增生异常综合征', '骨髓化生不良症候群', '骨髓增生異常綜合徵', 'myelodysplastic syndrome: Taiwan 骨髓化生不良症候群'),
  taiwan('磁共振成像', '磁振造影', '磁共振成像', 'magnetic resonance imaging (MRI): Taiwan 磁振造影'),
  taiwan('超声检查', '超音波檢查', '超聲檢查', 'ultrasound examination: Taiwan 超音波 (OpenCC already writes 超声波 as 超音波)'),
  taiwan('碳纳米管', '奈米碳管', '碳奈米管', 'carbon nanotube: Taiwan 奈米碳管'),
  taiwan('等离子体', '電漿', '等離子體', 'plasma (physics; 表面電漿共振): Taiwan 電漿'),
  taiwan('薛定谔方程', '薛丁格方程式', '薛定諤方程', 'Schrödinger equation: Taiwan 薛丁格方程式'),
  taiwan('重力势能', '重力位能', '重力勢能', 'gravitational potential energy: Taiwan 位能'),
  taiwan('弹性势能', '彈性位能', '彈性勢能', 'elastic potential energy: 位能'),
  taiwan('电势能', '電位能', '電勢能', 'electric potential energy: Taiwan 電位能'),
  taiwan('电势差', '電位差', '電勢差', 'potential difference: Taiwan 電位差'),
  taiwan('膜电势', '膜電位', '膜電勢', 'membrane potential: Taiwan 膜電位'),
  taiwan('标量场', '純量場', '標量場', 'scalar field: Taiwan 純量 (OpenCC already writes 矢量 as 向量)'),
  taiwan('摩尔质量', '莫耳質量', '摩爾質量', 'molar mass: Taiwan writes the mole 莫耳'),
  taiwan('摩尔浓度', '莫耳濃度', '摩爾濃度', 'molar concentration: 莫耳'),
  taiwan('方差分析', '變異數分析', '方差分析', 'analysis of variance (ANOVA): Taiwan 變異數分析'),
  taiwan('协方差', '共變異數', '協方差', 'covariance: Taiwan 共變異數'),
  taiwan('置信区间', '信賴區間', '置信區間', 'confidence interval: Taiwan 信賴區間'),
  taiwan('卡方检验', '卡方檢定', '卡方檢驗', 'chi-squared test: Taiwan statistics 檢定'),
];

/**
 * Terms OpenCC `s2twp` already converts right, Simplified → Taiwan, checked
 * by the tests so that the list above does not break them (and an OpenCC
 * update that does is noticed).
 */
export const TW_GUARDS: ReadonlyArray<readonly [string, string]> = [
  ['前列腺', '攝護腺'], // the gland: Taiwan clinical usage 攝護腺
  ['前列腺癌', '攝護腺癌'],
  ['前列环素', '前列環素'],
  ['间充质干细胞', '間充質幹細胞'],
  ['干细胞', '幹細胞'],
  ['系统性红斑狼疮', '系統性紅斑狼瘡'],
  ['自噬', '自噬'],
  ['细胞凋亡', '細胞凋亡'],
  ['巨噬细胞', '巨噬細胞'],
  ['树突状细胞', '樹突狀細胞'],
  ['肿瘤坏死因子', '腫瘤壞死因子'],
  ['核糖体', '核糖體'],
  ['蛋白质', '蛋白質'],
  ['受体', '受體'],
  ['抗体', '抗體'],
  ['血小板', '血小板'],
  ['淋巴细胞', '淋巴細胞'],
  ['白细胞', '白血球'],
  ['红细胞', '紅血球'],
  ['血红蛋白', '血紅素'],
  ['干扰素', '干擾素'],
  ['病毒', '病毒'],
  ['疫苗', '疫苗'],
  ['氨基酸', '胺基酸'],
  ['谷氨酸', '麩胺酸'],
  ['乙酰胆碱', '乙醯膽鹼'],
  ['胰腺', '胰臟'],
  ['心肌梗死', '心肌梗塞'],
  ['阿尔茨海默病', '阿茲海默症'],
  ['帕金森病', '帕金森氏症'],
  ['艾滋病', '愛滋病'],
  ['抑郁症', '憂鬱症'],
  ['代谢综合征', '代謝症候群'],
  ['唐氏综合征', '唐氏症'],
  ['超声波', '超音波'],
  ['阿司匹林', '阿斯匹靈'],
  ['软体动物', '軟體動物'],
  ['生物相容性', '生物相容性'],
  ['游离脂肪酸', '游離脂肪酸'],
  ['质子', '質子'],
  ['激光', '雷射'],
  ['纳米', '奈米'],
  ['光纤', '光纖'],
  ['半导体', '半導體'],
  ['集成电路', '積體電路'],
  ['晶体管', '電晶體'],
  ['二极管', '二極體'],
  ['二氧化硅', '二氧化矽'],
  ['单晶硅', '單晶矽'],
  ['矢量', '向量'],
  ['概率', '機率'],
  ['变量', '變數'],
  ['传感器', '感測器'],
  ['内存', '記憶體'],
  ['软件', '軟體'],
  ['数据库', '資料庫'],
  ['算法', '演算法'],
  ['芯片', '晶片'],
  ['信息论', '資訊理論'],
  ['信息熵', '資訊熵'],
  ['质量守恒', '質量守恆'],
  ['用户界面', '使用者介面'],
];

/**
 * Hong Kong (`s2hk`): OpenCC's general phrases but no regional ones, so none
 * of the Taiwan phrase errors above; the two errors of its general phrases
 * and characters that the Taiwan list fixes as well.
 */
export const HK_TERMS: readonly TermException[] = [
  wrong('关联系数', '關聯係數', '關聯繫數', 'relational coefficient: 關聯 + 係數'),
  wrong('范德华', '范德華', '範德華', 'van der Waals: the transliteration keeps 范 (a name), not 範 (model)'),
  wrong('范德瓦尔斯', '范德瓦爾斯', '範德瓦爾斯', 'van der Waals: 范'),
];
