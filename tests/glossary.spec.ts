import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { extractGlossary, findDefinitions } from '../src/glossary/index.js';
import { findingToJson } from '../src/findings/index.js';
import { makeCitation, parseCitationLabel } from '../src/model/util.js';
import '../src/model/types.js';

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const PUNCT: Record<string, string> = { ',': '，', ';': '；', ':': '：' };

/** The normalization the model text goes through: full-width parentheses and punctuation, no spaces at Han. */
function normalize(s: string): string {
  let t = s.replace(/\s*([α-ωΑ-Ω])\s*/g, '$1');
  t = t.replace(/\(/g, '（').replace(/\)/g, '）');
  t = t.replace(new RegExp(`([${HAN}）\\]])\\s*([,;:])\\s*`, 'g'), (_m, a: string, p: string) => a + PUNCT[p]);
  t = t.replace(new RegExp(`\\s*([,;:])\\s*(?=[${HAN}])`, 'g'), (_m, p: string) => PUNCT[p]!);
  t = t
    .replace(new RegExp(`([${HAN}，。；：、（）])[ \\t]+`, 'g'), '$1')
    .replace(new RegExp(`[ \\t]+(?=[${HAN}，。；：、（）])`, 'g'), '');
  return t;
}

/** A paragraph node whose `^[n]` marks become citation nodes. */
function paragraph(text: string, line?: number): Paragraph {
  const children: PhrasingContent[] = [];
  let last = 0;
  for (const m of text.matchAll(/\^\[([\d,\-–]+)\]/g)) {
    if (m.index! > last) children.push({ type: 'text', value: text.slice(last, m.index) });
    children.push(makeCitation(parseCitationLabel(m[1]!) ?? []));
    last = m.index! + m[0].length;
  }
  if (last < text.length) children.push({ type: 'text', value: text.slice(last) });
  const node: Paragraph = { type: 'paragraph', children };
  if (line) node.position = { start: { line, column: 1 }, end: { line, column: 1 } };
  return node;
}

/** A tree from source text: paragraphs separated by blank lines, text nodes with exact positions. */
function treeFrom(source: string): Root {
  const children: Paragraph[] = [];
  const lines = source.split('\n');
  let offset = 0;
  lines.forEach((line, i) => {
    if (line.trim()) {
      const position = {
        start: { line: i + 1, column: 1, offset },
        end: { line: i + 1, column: line.length + 1, offset: offset + line.length },
      };
      children.push({ type: 'paragraph', children: [{ type: 'text', value: line, position }], position });
    }
    offset += line.length + 1;
  });
  return { type: 'root', children };
}

const terms = (text: string) => findDefinitions(text).map((d) => d.zh);

/** Body paragraphs of the seed article, as extracted from its PDF (page breaks joined). */
const SEED_PARAGRAPHS = [
  "系统性红斑狼疮(systemic lupus erythematosus, SLE)是一种复杂的自身免疫病,以存在多种自身抗体和免疫复合物为特征,涉及多个系统,病因和发病机制不明确。一般认为SLE与先天性免疫和适应性免疫的过度激活相关。目前治疗SLE的常用药物有羟氯喹、糖皮质激素、免疫抑制剂,但长期服用会产生不良反应^[1]。间充质干细胞(mesenchymal stem cells, MSCs)是具有多谱系分化潜力的非造血干细胞,可以很容易从多种生物组织中分离和扩增,主要来源有骨髓、脂肪组织、脐带和胎盘组织^[2]。MSCs具有免疫调节,低免疫原性,修复受损组织,靶向分化,趋化性及归巢的功能和特性,这为治疗SLE提供新的选择^[3]。越来越多的实验和临床数据表明,MSCs移植将是一种治疗SLE的有前途的治疗策略^[4-5]。本文将总结近年来MSCs治疗SLE的机制研究和临床治疗进展,旨在为下一阶段的实验研究提供新的思路和方法。",
  "MSCs能通过抑制巨噬细胞、自然杀伤细胞(natural killer cells, NK)、树突状细胞(dendritic cells, DC)等先天性免疫细胞的炎症反应抑制系统性红斑狼疮进展^[6]。MSCs诱导巨噬细胞的抗炎作用,并影响巨噬细胞的功能。MSCs通过产生吲哚胺2,3-双加氧酶(indoleamine 2,3-dioxygenase, IDO)、环氧合酶2/前列腺素E2(cyclooxygenase 2/prostaglandin E2, COX-2/PGE2)和TNF- α 刺激基因-6(TNF- α -stimulating gene-6, TSG-6)推动促炎巨噬细胞 M1 极化为抗炎巨噬细胞 M2^[7]。MSCs 提高巨噬细胞分泌 IL-10、IL-6 和吞噬的能力,降低 IL-12 和 TNF- α 的表达^[8]。正常情况下, MSCs 对树突状细胞具有抑制作用。MSCs 可以通过 TSG-6、IL-6 和 COX-2/PGE2 抑制单核细胞分化为 DC 以及 DC 的成熟和功能^[9-10]。脐带来源的间充质干细胞(umbilical cord-derived mesenchymal stem cell, UC-MSCs)通过上调 FLT3L 的表达水平促进耐受性 CD1c+ DC 的增殖,进而抑制 SLE 患者的炎症反应^[11]。Cahill 等^[12]发现小鼠 MSCs 与 DC 共培养可以诱导更多的 Treg 细胞,说明 MSCs 具有抑制 DC 的成熟、迁移和抗原呈递的能力。NK 是先天免疫系统和适应性免疫系统之间的桥梁, MSCs 对 NK 的抑制作用一般通过免疫调节因子介导^[13]。研究表明, SLE 患者外周血中 NK 的比例和 NK 总数相较于健康对照组明显下降,并且 SLE 患者的一级亲属的外周血中 NK 的杀伤活性存在缺陷^[14]。骨髓来源的间充质干细胞(bone marrow mesenchymal stem cell, BM-MSCs)通过 IDO 和 PGE2 抑制 IL-2 诱导的 NK 细胞增殖,抑制 NK 细胞毒性和细胞因子 IFN- γ 产生^[15-16]。这些研究说明了 MSCs 通过调节先天性免疫细胞抑制 SLE 的炎症反应,防止 SLE 进一步发展。",
  "MSCs 能通过调节 B 细胞、T 细胞等适应性免疫细胞的功能抑制系统性红斑狼疮进展。SLE 患者异常活化的 B 细胞能产生大量自身抗体、促炎细胞因子(IL-6 和 IFN- γ)和抗炎细胞因子(IL-10 和 TGF-β)^[17]。MSCs 通过 IFN- γ 和与程序性死亡配体通路 PD-1/PD 配体通路有关的细胞间接触,抑制 B 细胞的活化和抗体的产生^[18]。BM-MSCs 通过基质金属蛋白酶剪切修饰自分泌的 CCL2 而抑制 B 细胞的活化^[19]。UC-MSCs 通过 TGF- β 1 促进 Bregs 表达 IL-10,有效纠正 SLE 患者 Treg/Th17/Th1 的失衡,预防小鼠 SLE 的发生^[20]。T 细胞异常活化、Th1/Th2 亚群失衡与 SLE 的发病机制有关。MSCs 以剂量依赖性方式抑制 T 细胞活化,抑制狼疮 T 细胞的 G1/S 期转变,纠正 SLE 患者中异常激活的 T 细胞亚群。MSCs 通过细胞间接触和 iNOS 的激活抑制 CD4⁺ T 细胞分化为 Tfh 细胞,并且 MSCs 还能抑制 CD4⁺ T 细胞分化为 Th1、Th17 和 IL-12 的分泌,促进 Treg 的增殖和 IL-10 的分泌,发挥间接调控 T 细胞的功能^[21-23]。UC-MSCs 通过 Sirt4/p1 通路促进狼疮小鼠脾脏 CD4⁺ T 细胞的衰老,延缓 SLE 进展^[24]。目前,由于间充质干细胞的免疫调节特性, MSCs 治疗 SLE 的方法受到重点关注。但现在对 MSCs 的了解并不全面, MSCs 疗法还处于临床应用的早期阶段,需要进一步探究 MSCs 的免疫调节机制。MSCs 的具体功能见图 1。",
  "自噬是真核生物依靠溶酶体降解蛋白质和细胞器的过程。在 SLE 患者中,自噬缺陷会导致难以清除的细胞碎片和过度分泌的炎性细胞因子^[25-26]。而 MSCs 能调节自噬相关基因的 mRNA 和蛋白质水平,进而调控相关细胞的自噬,如mTOR、p-Akt、p-AMPK、p-ULK1、LC3B II和Beclin1等^[27]。相关研究表明,MSCs能调控T细胞、内皮细胞、巨噬细胞、骨髓细胞的自噬。MSCs可以减少由于T细胞过度活化增殖而引发的强烈的自噬和凋亡^[28],这与MSCs具有维持T细胞线粒体稳态的功能有一定的关联^[29]。MSCs能通过抑制脑微血管内皮细胞的凋亡和自噬来降低SLE患者神经系统病变的几率^[30]。MSCs还能通过降低自噬蛋白Beclin-1、LC3- I和LC3- II的表达,抑制自噬信号的传导,作用于相关细胞,进而保护肺部组织^[31]。MSCs调节肺部微血管内皮细胞中的PI3K/Akt信号通路,提高内皮细胞的自噬水平,降低内皮细胞的通透性,从而减轻肺部损伤^[32]。研究表明,MSCs可以通过抑制巨噬细胞的自噬,实现对肺部损伤的修复和免疫反应的调节。在矽肺大鼠实验模型中,经过MSCs治疗后,大鼠体内的肺泡巨噬细胞中的自噬相关蛋白、微管相关蛋白轻链-3(microtubule-associated protein light chain 3, LC-3)和自噬相关基因Beclin-1的表达水平下降^[33]。此外,MSCs还通过诱导骨髓细胞的自噬来修复损伤的骨髓细胞,有人推测这可能与MSCs调节PI3K/AKT通路有关^[27]。",
  "研究发现,凋亡细胞(apoptotic cells, ACs)的清除缺陷与SLE的发病机制密切相关。一般认为,NF- κ B信号通路的激活对炎症反应有促进作用,但有研究表明,NF- κ B信号通路的激活与MSCs的抗炎因子的释放和免疫抑制功能的发挥联系密切。MSCs吞噬ACs形成AC-MSCs,AC-MSCs通过表达COX2来促进PGE2的生成,PGE2抑制T细胞反应,发挥免疫抑制功能。这其中涉及到NF- κ B信号通路的激活^[34]。Zhang等^[35]发现BM-MSCs衍生的microRNA-16和microRNA-21外泌体推动巨噬细胞向抗炎方向极化。极化巨噬细胞通过提高吞噬凋亡细胞碎片和募集调节性T细胞的能力缓解狼疮性肾炎小鼠的症状。",
  "MSCs主要通过分泌细胞外囊泡进行细胞之间的信号传递和物质运输^[2]。间充质干细胞来源的细胞外囊泡(mesenchymal stem cell-derived extracellular vesicles, MSCs-EVs)可促进炎症细胞表型(如M1巨噬细胞、DC、Th1和Th17细胞)向免疫抑制细胞表型(如M2巨噬细胞、耐受性DC和调节性T细胞)转化,进而抑制炎症反应,减缓SLE进一步发展^[36]。MSCs-EVs能通过多种方式抑制T细胞的功能。MSCs-EVs能调节糖酵解和细胞因子信号通路,抑制T细胞增殖。MSCs-EVs还能包裹T细胞中的miR-23a-3p和TGF- β 受体2,促进CD4⁺T细胞分化为调节性T细胞。间充质干细胞衍生的外泌体(mesenchymal stem cell-derived exosomes, MSCs-Exo)通过p27kip1/Cdk2信号通路使T细胞周期阻滞并抑制T细胞增殖。MSC-Exo也能增加IL-10和TGF- β 的表达,促进活化T细胞凋亡和Treg的生成^[36-37]。",
  "MSCs-Exo是最常见的MSCs-EVs类型,能影响MSCs和免疫细胞之间的信号传递。MSCs-Exo的表面标记物有CD8,CD9,CD44,CD73和CD90^[38],参与细胞迁移、免疫应答、细胞分化、抗原提呈等过程。BM-MSCs分泌的外泌体表达miR-146a-5p,抑制白细胞介素-1受体相关激酶1(interleukin-1 receptor-associated kinases 1, IRAK1)的表达,调节Th17/Treg细胞的比例,进而减少促炎细胞因子的产生^[39]。此外,MSCs-Exo还通过介导TGF- β /Smad信号的转导抑制NK细胞的增殖和激活。MSCs-Exo抑制活化的NK细胞释放IFN- γ 和TNF- α ,降低NK细胞的细胞毒作用,从而减轻炎症反应^[38]。同时,MSCs-Exo能传递miRNA-155和miRNA-146,调节DC介导的内毒素诱导的炎症反应^[36]。MSCs-Exo能影响MSCs和巨噬细胞之间的信号传递,促进巨噬细胞极化为M2表型。MSCs-Exo诱导巨噬细胞极化,促使IL-17+Treg细胞增殖,这可能与巨噬细胞上的CCL20和IL-17+Treg细胞上高表达的CCR相互识别结合有关^[35]。MSCs-Exo还能通过抑制巨噬细胞M1极化来缓解SLE的疾病进展,这可能与tsRNA-21109的转移有关^[40]。在体外培养,MSCs-Exo不仅能抑制巨噬细胞M1表达CD68和HLA-DR,而且能促进巨噬细胞M2表达CD20和CD163,进而改善肾炎和其他关键器官的损伤,缓解SLE小鼠的病情进展^[41]。此外,MSCs-Exo还具有缓解神经炎症,促进血管重建的功能,但确切的分子机制尚不清楚^[2]。MSCs-EVs的具体功能见表1。",
  "MSCs移植在治疗SLE的临床研究方面已经取得初步进展^[42]。Zhou等^[43]对MSCs治疗狼疮性肾炎动物模型进行meta分析,发现MSCs治疗会引起IL-2、IL-12、IL-17和IFN- γ 水平降低,导致ds-DNA、ANA、Scr、BUN、蛋白尿和肾硬化评分水平降低,白蛋白水平升高。研究发现,与普通SLE治疗方式相比,接受UC-MSCs治疗的10例SLE患者,其临床症状及体征显著改善,SLEDAI评分和自身抗体滴度下降,血清中CXCL13、IL-4、BDNF、BMP-4、EGF、 β -NGF含量下降^[44]。研究者通过对60例SLE患者进行随访6个月发现,与对照组相比,静脉注入UC-MSCs的实验组病情可明显改善,复发率降低,体内炎症因子和免疫复合物降低,并且随访中未发现移植相关并发症^[45]。Liang等^[46]对接受同种异体MSCs移植的SLE患者进行了为期六年的随访观察,发现所有患者对治疗的耐受性良好,肿瘤形成或感染的风险没有增加。研究者对接受同种异体MSCs移植治疗的87例重度难治性SLE患者进行了四年的随访观察,发现MSCs移植与不良反应的发生无关,初步证明MSCs移植是难治性SLE患者的一种可行且安全的治疗方法^[47]。",
  "尽管大多数研究表明MSCs移植可以改善系统性红斑狼疮患者的疾病状况,但少数研究表明MSCs治疗无效甚至存在安全风险。BM-MSCs对SLE小鼠抗dsDNA或蛋白尿的产生没有影响^[18]。一项临床研究发现,在标准免疫抑制治疗的基础上,与安慰剂组相比,MSCs治疗组的蛋白尿、血清白蛋白、补体和肾功能水平没有显著差异,说明UC-MSCs在标准免疫抑制治疗的基础上无明显附加效果^[48]。此外,随着供体年龄的增长,BM-MSCs逐渐衰老,功能逐渐减弱,导致移植后效果不佳^[49]。大多数静脉输注的MSCs会在肺部聚集并被清除,这可能是间充质干细胞治疗无效的原因之一^[50-51]。因此,MSCs移植治疗SLE在临床应用之前仍有许多挑战需要克服,其有效性和安全性问题需要进一步研究。",
  "MSCs具有免疫调节,低免疫原性,修复受损组织,靶向分化,趋化性及归巢的功能和特性。研究表明,MSCs可以通过分泌可溶性因子,调控免疫细胞;调节细胞自噬,清除凋亡细胞;分泌细胞外囊泡影响细胞间的信号传递的作用机制参与SLE患者的治疗。有实验和临床研究表明MSCs移植可以明显改善SLE患者的疾病状况和生存质量,但少数研究发现MSCs治疗SLE无效甚至存在安全风险,这可能与MSCs被受体的免疫细胞清除以及MSCs的衰老有关。尽管MSCs移植已被证实能显著提高SLE患者的治疗效果,并改善其生存质量和预后,但还缺乏前瞻性的随机对照试验(RCT)作为支持。目前,已有多项关于使用异体MSCs治疗SLE的临床研究在clinicaltrials.gov上进行注册。这些RCT研究的结果将是至关重要的,它们将进一步验证异体MSCs治疗SLE的疗效。虽然MSCs移植在SLE治疗中的应用还处于临床应用的早期阶段,它的有效性和安全性问题还需要进一步研究,但是它具有广阔的应用前景,有望成为治疗SLE新的治疗方式。"
];

const SEED_GLOSSARY = [
  { zh: '系统性红斑狼疮', en: 'systemic lupus erythematosus', abbr: 'SLE' },
  { zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' },
  { zh: '自然杀伤细胞', en: 'natural killer cells', abbr: 'NK' },
  { zh: '树突状细胞', en: 'dendritic cells', abbr: 'DC' },
  { zh: '吲哚胺2,3-双加氧酶', en: 'indoleamine 2,3-dioxygenase', abbr: 'IDO' },
  { zh: '环氧合酶2/前列腺素E2', en: 'cyclooxygenase 2/prostaglandin E2', abbr: 'COX-2/PGE2' },
  { zh: 'TNF-α刺激基因-6', en: 'TNF-α-stimulating gene-6', abbr: 'TSG-6' },
  { zh: '脐带来源的间充质干细胞', en: 'umbilical cord-derived mesenchymal stem cell', abbr: 'UC-MSCs' },
  { zh: '骨髓来源的间充质干细胞', en: 'bone marrow mesenchymal stem cell', abbr: 'BM-MSCs' },
  { zh: '微管相关蛋白轻链-3', en: 'microtubule-associated protein light chain 3', abbr: 'LC-3' },
  { zh: '凋亡细胞', en: 'apoptotic cells', abbr: 'ACs' },
  { zh: '间充质干细胞来源的细胞外囊泡', en: 'mesenchymal stem cell-derived extracellular vesicles', abbr: 'MSCs-EVs' },
  { zh: '间充质干细胞衍生的外泌体', en: 'mesenchymal stem cell-derived exosomes', abbr: 'MSCs-Exo' },
  { zh: '白细胞介素-1受体相关激酶1', en: 'interleukin-1 receptor-associated kinases 1', abbr: 'IRAK1' },
  { zh: '随机对照试验', abbr: 'RCT' },
];

describe('seed glossary', () => {
  const seedTree = (): Root => ({
    type: 'root',
    children: [
      paragraph(normalize(SEED_PARAGRAPHS[0]!), 23),
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'MSCs分泌可溶性因子，调控免疫细胞' }] },
      ...SEED_PARAGRAPHS.slice(1).map((p) => paragraph(normalize(p))),
    ],
  });

  it('pins every defined term of the seed, exactly delimited', () => {
    const file = new VFile();
    expect(extractGlossary(seedTree(), file)).toEqual(SEED_GLOSSARY);
    expect(file.messages.map((m) => findingToJson(m))).toEqual([]);
  });

  it('normalizes the seed sentences as the model does', () => {
    const n = normalize(SEED_PARAGRAPHS[1]!);
    expect(n).toContain('MSCs通过产生吲哚胺2,3-双加氧酶（indoleamine 2,3-dioxygenase, IDO）、环氧合酶2/前列腺素E2（cyclooxygenase 2/prostaglandin E2, COX-2/PGE2）和TNF-α刺激基因-6（TNF-α-stimulating gene-6, TSG-6）推动');
  });

  it('finds the same terms in the raw half-width text', () => {
    const raw = SEED_PARAGRAPHS.flatMap((p) => findDefinitions(p));
    expect(raw.map((d) => d.abbr)).toEqual(SEED_GLOSSARY.map((g) => g.abbr));
    // Raw text keeps its spaces around Greek letters: `TNF- α 刺激基因-6`.
    expect(raw.map((d) => d.zh.replace(/\s+/g, ''))).toEqual(SEED_GLOSSARY.map((g) => g.zh));
  });

  it('the terms of sentences copied from the seed (normalized)', () => {
    expect(findDefinitions('MSCs能通过抑制巨噬细胞、自然杀伤细胞（natural killer cells, NK）、树突状细胞（dendritic cells, DC）等先天性免疫细胞的炎症反应')).toMatchObject([
      { zh: '自然杀伤细胞', en: 'natural killer cells', abbr: 'NK', index: 14 },
      { zh: '树突状细胞', en: 'dendritic cells', abbr: 'DC', index: 47 },
    ]);
    expect(terms('BM-MSCs分泌的外泌体表达miR-146a-5p，抑制白细胞介素-1受体相关激酶1（interleukin-1 receptor-associated kinases 1, IRAK1）的表达')).toEqual(['白细胞介素-1受体相关激酶1']);
    expect(terms('在矽肺大鼠实验模型中，经过MSCs治疗后，大鼠体内的肺泡巨噬细胞中的自噬相关蛋白、微管相关蛋白轻链-3（microtubule-associated protein light chain 3, LC-3）和自噬相关基因')).toEqual(['微管相关蛋白轻链-3']);
    expect(terms('尽管MSCs移植已被证实能显著提高SLE患者的治疗效果，但还缺乏前瞻性的随机对照试验（RCT）作为支持。')).toEqual(['随机对照试验']);
    expect(terms('研究发现，凋亡细胞（apoptotic cells, ACs）的清除缺陷与SLE的发病机制密切相关。')).toEqual(['凋亡细胞']);
  });
});

describe('definition forms', () => {
  it('中文（english, ABBR）', () => {
    expect(findDefinitions('系统性红斑狼疮（systemic lupus erythematosus, SLE）是常见的自身免疫性疾病之一')).toEqual([
      { zh: '系统性红斑狼疮', en: 'systemic lupus erythematosus', abbr: 'SLE', index: 0, end: 42 },
    ]);
  });

  it('中文（ABBR）', () => {
    expect(findDefinitions('本研究为随机对照试验（RCT）。')).toMatchObject([{ zh: '随机对照试验', abbr: 'RCT' }]);
    expect(findDefinitions('本研究为随机对照试验（RCT）。')[0]!.en).toBeUndefined();
  });

  it('中文（english）', () => {
    expect(findDefinitions('细胞发生凋亡（apoptosis）后被清除。')).toEqual([{ zh: '凋亡', en: 'apoptosis', index: 4, end: 17 }]);
  });

  it('half-width parentheses and a full-width comma inside', () => {
    expect(findDefinitions('间充质干细胞(mesenchymal stem cells, MSCs)是')).toMatchObject([
      { zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' },
    ]);
    expect(findDefinitions('间充质干细胞（mesenchymal stem cells，MSCs）是')).toMatchObject([
      { zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' },
    ]);
  });

  it('keeps a comma between digits inside the expansion and the term', () => {
    expect(findDefinitions('产生吲哚胺2,3-双加氧酶（indoleamine 2,3-dioxygenase）')).toMatchObject([
      { zh: '吲哚胺2,3-双加氧酶', en: 'indoleamine 2,3-dioxygenase' },
    ]);
  });

  it('ignores parentheses that define nothing', () => {
    expect(findDefinitions('促炎细胞因子（IL-6和IFN-γ）和抗炎细胞因子（IL-10和TGF-β）')).toEqual([]);
    expect(findDefinitions('炎症细胞表型（如M1巨噬细胞、DC、Th1和Th17细胞）')).toEqual([]);
    expect(findDefinitions('文章编号：2095-9664（2024）02-0075-06')).toEqual([]);
    expect(findDefinitions('两组比较（P<0.05）')).toEqual([]);
    expect(findDefinitions('图1 MSCs 的具体功能 （本图由 Figdraw 绘制）')).toEqual([]);
    expect(findDefinitions('MSCs（mesenchymal stem cells）')).toEqual([]);
  });
});

describe('where the Chinese term begins', () => {
  it('after a verb', () => {
    expect(terms('MSCs通过产生吲哚胺2,3-双加氧酶（indoleamine 2,3-dioxygenase, IDO）推动')).toEqual(['吲哚胺2,3-双加氧酶']);
    expect(terms('MSCs可以抑制白细胞介素-1受体相关激酶1（IRAK1）')).toEqual(['白细胞介素-1受体相关激酶1']);
    expect(terms('该因子促进血管内皮生长因子（vascular endothelial growth factor, VEGF）的分泌')).toEqual(['血管内皮生长因子']);
  });

  it('after a list mark 、', () => {
    expect(terms('抑制巨噬细胞、自然杀伤细胞（natural killer cells, NK）')).toEqual(['自然杀伤细胞']);
  });

  it('after punctuation', () => {
    expect(terms('研究发现，凋亡细胞（apoptotic cells, ACs）的清除')).toEqual(['凋亡细胞']);
    expect(terms('见上文；树突状细胞（dendritic cells, DC）')).toEqual(['树突状细胞']);
    expect(terms('主要如下：树突状细胞（dendritic cells, DC）')).toEqual(['树突状细胞']);
  });

  it('at the paragraph start and after a citation', () => {
    expect(terms('树突状细胞（dendritic cells, DC）是')).toEqual(['树突状细胞']);
    const tree: Root = { type: 'root', children: [paragraph('会产生不良反应^[1]间充质干细胞（mesenchymal stem cells, MSCs）是')] };
    expect(extractGlossary(tree)).toEqual([{ zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' }]);
  });

  it('after function words', () => {
    expect(terms('和TNF-α刺激基因-6（TNF-α-stimulating gene-6, TSG-6）')).toEqual(['TNF-α刺激基因-6']);
    expect(terms('MSCs与树突状细胞（dendritic cells, DC）共培养')).toEqual(['树突状细胞']);
    expect(terms('分为B细胞及自然杀伤细胞（NK）')).toEqual(['自然杀伤细胞']);
    expect(terms('常见的是系统性红斑狼疮（SLE）')).toEqual(['系统性红斑狼疮']);
    expect(terms('MSCs对树突状细胞（DC）具有抑制作用')).toEqual(['树突状细胞']);
    expect(terms('可由调节性T细胞（regulatory T cells, Treg）介导')).toEqual(['调节性T细胞']);
  });

  it('的 cuts inside a sentence but not after 来源 / 衍生', () => {
    expect(terms('但还缺乏前瞻性的随机对照试验（RCT）作为支持')).toEqual(['随机对照试验']);
    expect(terms('降低巨噬细胞的白细胞介素-6（interleukin-6, IL-6）水平')).toEqual(['白细胞介素-6']);
    expect(terms('。脐带来源的间充质干细胞（umbilical cord-derived mesenchymal stem cell, UC-MSCs）通过')).toEqual(['脐带来源的间充质干细胞']);
    expect(terms('此外，使用骨髓来源的间充质干细胞（BM-MSCs）')).toEqual(['骨髓来源的间充质干细胞']);
    expect(terms('间充质干细胞衍生的外泌体（mesenchymal stem cell-derived exosomes, MSCs-Exo）通过')).toEqual(['间充质干细胞衍生的外泌体']);
  });

  it('a sentence-initial noun phrase keeps its 的', () => {
    expect(terms('结果如下。肿瘤组织的浸润淋巴细胞（tumor-infiltrating lymphocytes, TILs）增多')).toEqual(['肿瘤组织的浸润淋巴细胞']);
    // …but not when a verb or function word cuts it first.
    expect(terms('结果如下。通过肿瘤组织的浸润淋巴细胞（TILs）')).toEqual(['浸润淋巴细胞']);
    // …nor after a comma, nor when only a Latin word precedes 的.
    expect(terms('结果如下，肿瘤组织的浸润淋巴细胞（TILs）')).toEqual(['浸润淋巴细胞']);
    expect(terms('MSCs的外泌体（exosomes）')).toEqual(['外泌体']);
  });

  it('words that look like boundaries inside a term', () => {
    expect(terms('采用随机对照试验（randomized controlled trial, RCT）')).toEqual(['随机对照试验']);
    expect(terms('检测血清中和抗体（neutralizing antibody, NAb）')).toEqual(['血清中和抗体']);
    expect(terms('产生自由基（free radicals）')).toEqual(['自由基']);
    expect(terms('促进调节性T细胞（regulatory T cells, Treg）增殖')).toEqual(['调节性T细胞']);
    expect(terms('使用诱导型一氧化氮合酶（inducible nitric oxide synthase, iNOS）抑制剂')).toEqual(['诱导型一氧化氮合酶']);
    expect(terms('通过诱导多能干细胞（induced pluripotent stem cells, iPSCs）')).toEqual(['诱导多能干细胞']);
    expect(terms('通过诱导调节性B细胞（regulatory B cells, Bregs）')).toEqual(['调节性B细胞']);
    expect(terms('利用前列腺素E2（prostaglandin E2, PGE2）')).toEqual(['前列腺素E2']);
  });
});

describe('glossary findings', () => {
  it('deduplicates a repeated definition and notes it (info: defining again in the body is usual)', () => {
    const file = new VFile();
    const tree = treeFrom(
      ['间充质干细胞（mesenchymal stem cells, MSCs）是多能干细胞。', '', '此外，间充质干细胞（mesenchymal stem cell, MSCs）可以分化。'].join('\n'),
    );
    expect(extractGlossary(tree, file)).toEqual([{ zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' }]);
    expect(file.messages.map((m) => findingToJson(m))).toMatchObject([
      { ruleId: 'abbr-redefined', severity: 'info', line: 3, column: 4 },
    ]);
  });

  it('a different expansion of clean terms is a warning', () => {
    const file = new VFile();
    const tree = treeFrom(['间充质干细胞（mesenchymal stem cells, MSCs）是。', '', '间充质基质细胞（mesenchymal stromal cells, MSCs）是。'].join('\n'));
    extractGlossary(tree, file);
    expect(file.messages.map((m) => findingToJson(m))).toMatchObject([
      { ruleId: 'abbr-redefined', severity: 'warning', line: 3, column: 1 },
    ]);
    expect(file.messages[0]!.reason).toMatch(/differently/);
  });

  it('a definition cut at the wrong place is only noted (info)', () => {
    const file = new VFile();
    const tree = treeFrom(['农民习惯施肥（TF）是。', '', '对比习惯施肥（TF）是。'].join('\n'));
    extractGlossary(tree, file);
    expect(file.messages.map((m) => findingToJson(m))).toMatchObject([{ ruleId: 'abbr-redefined', severity: 'info' }]);
  });

  it('reports an abbreviation used before its definition, once, at the first use', () => {
    const file = new VFile();
    const tree = treeFrom(
      [
        '目前治疗SLE的常用药物有羟氯喹。',
        '',
        '另有SLE患者。系统性红斑狼疮（systemic lupus erythematosus, SLE）是一种自身免疫病。UC-MSCs与MSCs-EVs不算MSCs的使用。',
        '间充质干细胞（mesenchymal stem cells, MSCs）是。',
      ].join('\n'),
    );
    extractGlossary(tree, file);
    expect(file.messages.map((m) => findingToJson(m))).toEqual([
      expect.objectContaining({ ruleId: 'abbr-used-before-definition', severity: 'info', line: 1, column: 5 }),
      expect.objectContaining({ ruleId: 'abbr-used-before-definition', line: 3, column: 78 }),
    ]);
  });

  it('reports nothing when the abbreviation is only used afterwards', () => {
    const file = new VFile();
    extractGlossary(treeFrom('系统性红斑狼疮（SLE）是。SLE患者较多。'), file);
    expect(file.messages).toEqual([]);
  });

  it('skips the reference list', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'referenceList',
          children: [{ type: 'referenceEntry', number: 1, identifier: 'ref-1', children: [{ type: 'text', value: '系统性红斑狼疮（SLE）' }] }],
        },
      ],
    };
    expect(extractGlossary(tree)).toEqual([]);
  });
});
