//! The fixed vocabulary the generator composes from: province names, department names,
//! place-name characters, indicators, and sentences and headings cut from the bundled
//! Shanxi plan (`reformgraph::import::bundled::SHANXI_2013_TEXT`).

/// The 31 provincial-level divisions: full name, short name, key prefix (pinyin).
pub const PROVINCES: [(&str, &str, &str); 31] = [
    ("北京市", "北京", "beijing"),
    ("天津市", "天津", "tianjin"),
    ("河北省", "河北", "hebei"),
    ("山西省", "山西", "shanxi"),
    ("内蒙古自治区", "内蒙古", "neimenggu"),
    ("辽宁省", "辽宁", "liaoning"),
    ("吉林省", "吉林", "jilin"),
    ("黑龙江省", "黑龙江", "heilongjiang"),
    ("上海市", "上海", "shanghai"),
    ("江苏省", "江苏", "jiangsu"),
    ("浙江省", "浙江", "zhejiang"),
    ("安徽省", "安徽", "anhui"),
    ("福建省", "福建", "fujian"),
    ("江西省", "江西", "jiangxi"),
    ("山东省", "山东", "shandong"),
    ("河南省", "河南", "henan"),
    ("湖北省", "湖北", "hubei"),
    ("湖南省", "湖南", "hunan"),
    ("广东省", "广东", "guangdong"),
    ("广西壮族自治区", "广西", "guangxi"),
    ("海南省", "海南", "hainan"),
    ("重庆市", "重庆", "chongqing"),
    ("四川省", "四川", "sichuan"),
    ("贵州省", "贵州", "guizhou"),
    ("云南省", "云南", "yunnan"),
    ("西藏自治区", "西藏", "xizang"),
    ("陕西省", "陕西", "shaanxi"),
    ("甘肃省", "甘肃", "gansu"),
    ("青海省", "青海", "qinghai"),
    ("宁夏回族自治区", "宁夏", "ningxia"),
    ("新疆维吾尔自治区", "新疆", "xinjiang"),
];

/// Departments every province has besides those the Shanxi registry lists, as the plan
/// would print them (with the leading 省, replaced by the province's name when generated).
pub const EXTRA_DEPARTMENTS: [&str; 36] = [
    "省统计局",
    "省审计厅",
    "省司法厅",
    "省卫生计生委",
    "省交通运输厅",
    "省外事侨务办",
    "省质监局",
    "省工商局",
    "省食品药品监管局",
    "省地税局",
    "省国税局",
    "省气象局",
    "省地震局",
    "省粮食局",
    "省档案局",
    "省体育局",
    "省新闻出版广电局",
    "省知识产权局",
    "省测绘地理信息局",
    "省机关事务管理局",
    "省民族宗教委",
    "省信访局",
    "省人防办",
    "省法制办",
    "省政府研究室",
    "省政府办公厅",
    "省委组织部",
    "省委宣传部",
    "省委政法委",
    "省委农办",
    "省总工会",
    "省妇联",
    "省科协",
    "省社科院",
    "省农科院",
    "省通信管理局",
];

/// Characters place names are made of; two of them and a suffix make a city or county.
pub const PLACE_CHARS: &str = "安宁平阳山河城江德兴华龙泉临庆源清新昌云丰武明东西南北中长永通和定远林海天金石白黄青宝广福嘉仁义靖乐泰顺鹤凤岳潭溪峰川沙湖桥水台营口阜盘铁岭锦松辽鞍齐佳双绥延梅汾晋朔忻吕襄洪浮灵广浑左右代繁五保";

/// Industries of the synthetic enterprises (…集团有限公司).
pub const INDUSTRIES: [&str; 10] = [
    "煤业",
    "钢铁",
    "电力",
    "化工",
    "建设投资",
    "交通投资",
    "文化旅游",
    "农业发展",
    "水务",
    "能源",
];

/// Indicators shared by every plan: name and unit (`%` or a unit as printed).
pub const INDICATORS: [(&str, &str); 24] = [
    ("服务业增加值比重", "%"),
    ("城镇化率", "%"),
    ("研究与试验发展经费支出占地区生产总值比重", "%"),
    ("单位地区生产总值能耗", "%"),
    ("森林覆盖率", "%"),
    ("城镇登记失业率", "%"),
    ("高新技术产业增加值占地区生产总值比重", "%"),
    ("非煤产业比重", "%"),
    ("传统产业新型化率", "%"),
    ("农村居民人均纯收入增长率", "%"),
    ("城镇居民人均可支配收入增长率", "%"),
    ("化学需氧量排放量", "%"),
    ("二氧化硫排放量", "%"),
    ("单位地区生产总值二氧化碳排放", "%"),
    ("煤层气产量", "亿立方米"),
    ("新增造林面积", "万亩"),
    ("保障性住房建设", "万套"),
    ("外贸进出口总额增长率", "%"),
    ("实际利用外资增长率", "%"),
    ("民营经济增加值比重", "%"),
    ("规模以上工业增加值增长率", "%"),
    ("全社会固定资产投资增长率", "%"),
    ("地方财政收入增长率", "%"),
    ("义务教育巩固率", "%"),
];

/// Plan themes: each province has one plan per theme (as many as the config asks).
pub const PLAN_THEMES: [&str; 8] = [
    "资源型经济转型综合配套改革",
    "生态文明体制改革",
    "国有企业改革",
    "财税体制改革",
    "城乡统筹发展改革",
    "科技创新体制改革",
    "金融体制改革",
    "行政管理体制改革",
];

/// Part headings with the task role of the tasks under them (role names as in
/// `TaskRole::name`).
pub const PARTS: [(&str, &str); 6] = [
    ("重大改革", "reform"),
    ("重大事项", "matter"),
    ("重大课题", "research_topic"),
    ("试点示范", "county_pilot_area"),
    ("专项改革", "department_special_reform"),
    ("保障措施", "safeguard_measure"),
];

/// Sentences and headings cut from the bundled plan.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Short sentences (without 。), usable as task titles.
    pub titles: Vec<String>,
    /// Sentences of any length, each ending with 。.
    pub sentences: Vec<String>,
    /// Category headings (（一）… without number and full stop).
    pub categories: Vec<String>,
}

fn strip_number(line: &str) -> &str {
    let line = line.trim_start_matches(['\u{3000}', ' ', '\t']);
    // 1.  12.  （一）  一、  --
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < line.len() {
        return digits.trim_start_matches(['.', '．', '、']);
    }
    if let Some(rest) = line.strip_prefix('（')
        && let Some(end) = rest.find('）')
        && rest
            .get(..end)
            .is_some_and(|n| n.chars().all(|c| "一二三四五六七八九十".contains(c)))
    {
        return rest.get(end + '）'.len_utf8()..).unwrap_or("");
    }
    if let Some(i) = line.find('、')
        && line
            .get(..i)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
    {
        return line.get(i + '、'.len_utf8()..).unwrap_or("");
    }
    line.trim_start_matches('-')
}

impl Corpus {
    /// Cuts the plan text into title-sized sentences, body sentences and category
    /// headings. Responsibility clauses (（牵头部门：…）) are dropped: the generator writes its
    /// own.
    pub fn from_plan(text: &str) -> Corpus {
        let mut c = Corpus::default();
        for raw in text.lines() {
            let trimmed = raw.trim_matches(['\u{3000}', ' ', '\t', '\r']);
            if trimmed.is_empty() {
                continue;
            }
            let is_category = trimmed.starts_with('（');
            let mut line = strip_number(trimmed).to_owned();
            if let Some(i) = line.find("（牵头").or_else(|| line.find("（责任")) {
                line.truncate(i);
            }
            let pieces: Vec<&str> = line
                .split('。')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if is_category && pieces.len() == 1 {
                if let Some(h) = pieces.first()
                    && h.chars().count() <= 24
                {
                    c.categories.push((*h).to_owned());
                }
                continue;
            }
            for p in pieces {
                let n = p.chars().count();
                if (6..=28).contains(&n) && !p.contains('：') {
                    c.titles.push(p.to_owned());
                }
                if (10..=140).contains(&n) {
                    c.sentences.push(format!("{p}。"));
                }
            }
        }
        c.titles.sort();
        c.titles.dedup();
        c.sentences.sort();
        c.sentences.dedup();
        c.categories.sort();
        c.categories.dedup();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_plan_gives_enough_material() {
        let c = Corpus::from_plan(reformgraph::import::bundled::SHANXI_2013_TEXT);
        assert!(c.titles.len() > 100, "{}", c.titles.len());
        assert!(c.sentences.len() > 300, "{}", c.sentences.len());
        assert!(c.categories.len() >= 20, "{:?}", c.categories);
        assert!(c.sentences.iter().all(|s| !s.contains("牵头部门")));
    }

    #[test]
    fn numbers_are_stripped() {
        assert_eq!(strip_number("　　12.推进改革"), "推进改革");
        assert_eq!(strip_number("（三）城乡统筹"), "城乡统筹");
        assert_eq!(strip_number("二、重大事项"), "重大事项");
        assert_eq!(strip_number("--坚持"), "坚持");
    }
}
