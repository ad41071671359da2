/** Reference strings already in the house style, one of each document type and branch of the style. */
export const HOUSE_STYLE_STRINGS = [
  '卡尔·萨根. 宇宙的结构[M]. 张三, 李四, 译. 3 版. 上海: 上海译文出版社, 2015:12-20.',
  'Harris JR, Nolan K. Clinical neurology[M]. 2nd ed. Oxford: Blackwell Science, 2009:101-110.',
  '刘某某. 肾脏病理[M]//王某某, 李某某. 内科学: 第 2 卷. 北京: 人民卫生出版社, 2018:201-230.',
  '张某. 干细胞治疗进入临床[N]. 健康报, 2021-05-18(6).',
  '国家卫生健康委员会. 关于印发干细胞临床研究管理办法的通知[EB/OL]. (2015-08-21)[2023-01-05]. http://www.nhc.gov.cn/a.shtml.',
  '张某. 一种细胞培养装置: CN202010123456.7[P]. 2021-03-02.',
  '国家药品监督管理局. 医用细胞制备规范: YY/T 1234—2020[S]. 北京: 中国标准出版社, 2020.',
  'Smith J, Doe A. Survey of cell therapy: NIST-TR-1234[R]. Gaithersburg: NIST, 2019:5-7.',
  '李某. 某研究[J/OL]. 中华医学杂志, 2020, 100(3):45-50[2021-02-03]. https://example.org/a/1. DOI:10.1000/xyz.2020.003.',
  '张三, 李四, 等. 某研究[J]. 某杂志, 2020, 1(1):1-2.',
  'Wang A, Li B, et al. A study[J]. J Things, 2020, 1(1):1-2.',
  '赵某. 古籍整理[J]. 文献, 2013(1):56-75.',
  '中国医师协会. 第十届全国风湿病学术会议论文集[C]. 北京: 中国医师协会, 2016.',
  'Brown T, Lee S. Fast parsing of references[C]//ACME Society. Proceedings of the Fifth Workshop on Text. New York: ACME Press, 2019:33-40.',
  '中华医学会湖北分会. 临床内科杂志[J]. 1984, 1(1). 武汉: 中华医学会湖北分会, 1984.',
  '王颖翠. 人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究[D]. 昆明: 昆明医科大学, 2019.',
];
