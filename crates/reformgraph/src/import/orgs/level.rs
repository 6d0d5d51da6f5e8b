//! What the start of a name says about its level: the national prefixes, the place chain
//! and its level characters.

use super::*;

// --- The level a name's prefix gives -------------------------------------------------------

/// Prefixes of national bodies: 国务院办公厅, 国家发展改革委, 中国人民银行, 最高人民法院,
/// 全国总工会, 中央网信办, 中华全国供销合作总社.
pub(super) const NATIONAL_PREFIXES: &[&str] = &[
    "国务院",
    "国家",
    "中华人民共和国",
    "中华全国",
    "中国",
    "最高人民",
    "全国",
    "中央",
    "中共中央",
    "党中央",
];

/// Party prefixes that stand before a place name (中共荆州市委 is 荆州市's Party committee):
/// skipped before reading the place chain (中共中央 then reads 中央…, national).
pub(super) const PARTY_PREFIXES: &[&str] = &["中国共产党", "中共"];

/// National bodies whose branches carry the place after the parent's name (人行合肥中心支行,
/// 中国人民银行太原中心支行, 国家税务总局荆州市税务局): the level is read from what follows.
pub(super) const BRANCH_PARENTS: &[&str] = &[
    "中国人民银行",
    "人民银行",
    "人行",
    "国家税务总局",
    "国家外汇管理局",
    "国家金融监督管理总局",
    "中国证券监督管理委员会",
    "中国银行保险监督管理委员会",
];

/// Words an unprefixed name starts with: a department's function (财政部, 商务厅, 科技局), a
/// body that needs no place (海关总署, 人民银行), a collective (部门, 单位) or a zone
/// (开发区管委会). Such a name belongs to the level of the plan's issuer.
pub(super) const UNPREFIXED_HEADS: &[&str] = &[
    // Economy and planning.
    "发展改革",
    "发展和改革",
    "发改",
    "经济",
    "经信",
    "工信",
    "工业",
    "信息化",
    "商务",
    "外经贸",
    "贸易",
    "能源",
    "煤炭",
    "电力",
    "物价",
    "价格",
    "粮食",
    "物资",
    "统计",
    "审计",
    "国资",
    "国有资产",
    "财政",
    "税务",
    "国税",
    "地税",
    "金融",
    "人民银行",
    "银保监",
    "银监",
    "保监",
    "证监",
    "外汇",
    "海关",
    "市场监管",
    "市场监督",
    "工商",
    "质监",
    "质量",
    "食品药品",
    "药品",
    "药监",
    "知识产权",
    "供销",
    "邮政",
    "铁路",
    "民航",
    "烟草",
    // Society.
    "教育",
    "科技",
    "科学技术",
    "中科院",
    "社科院",
    "工程院",
    "民族",
    "宗教",
    "民政",
    "司法",
    "公安",
    "国家安全",
    "安全",
    "应急",
    "消防",
    "人力资源",
    "人社",
    "劳动",
    "社会保障",
    "社保",
    "医疗保障",
    "医保",
    "卫生",
    "卫健",
    "健康",
    "人口",
    "计生",
    "文化",
    "旅游",
    "文旅",
    "广电",
    "广播电视",
    "新闻出版",
    "体育",
    "退役军人",
    "信访",
    "档案",
    "保密",
    "侨务",
    "台办",
    "港澳",
    "外事",
    "网信",
    "气象",
    "地震",
    "人防",
    "移民",
    "扶贫",
    "乡村振兴",
    // Land, environment, building, transport, farming.
    "自然资源",
    "国土",
    "规划",
    "生态环境",
    "环境",
    "环保",
    "住房",
    "住建",
    "公积金",
    "城乡",
    "建设",
    "城管",
    "城市管理",
    "园林",
    "交通",
    "水利",
    "水务",
    "农业",
    "农村",
    "林业",
    "林草",
    "草原",
    "畜牧",
    "水产",
    "渔业",
    // Government and Party offices.
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "机关",
    "国管局",
    "行政审批",
    "审批",
    "政务",
    "公共资源",
    "大数据",
    "法制",
    "监察",
    "编办",
    "机构编制",
    "党委",
    "党组",
    "纪委",
    "组织部",
    "宣传部",
    "统战部",
    "政法委",
    "中组部",
    "中宣部",
    "中联部",
    // Mass organisations.
    "总工会",
    "工会",
    "妇联",
    "共青团",
    "团委",
    "残联",
    "科协",
    "工商联",
    "文联",
    "红十字",
    "贸促会",
    // Collectives and zones.
    "部门",
    "单位",
    "直属机构",
    "开发区",
    "高新区",
    "经开区",
    "高新技术产业开发区",
    "保税区",
    "综合保税区",
    "自贸区",
];

/// Endings only central bodies have (财政部, 税务总局, 海关总署, 审计署, 供销合作总社,
/// 证监会): an unprefixed department with one is national whatever the issuer.
pub(super) const CENTRAL_ONLY_SUFFIXES: &[&str] = &["部", "总局", "总署", "署", "总社", "监会"];

/// Whole names of central bodies that carry no national prefix in official short form.
pub(super) const CENTRAL_ONLY_NAMES: &[&str] =
    &["人民银行", "中科院", "国管局", "中组部", "中宣部", "中联部"];

/// How a level character reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// 省, 自治区, 特别行政区.
    Province,
    /// 市: a prefecture-level city, a municipality (北京市 …) or, bare in a county-level
    /// issuer's plan, the county-level city itself.
    Municipal,
    /// 州 after a name of two or more characters (恩施州, 凉山州) or bare; after one
    /// character it is part of a city's name (荆州, 杭州, 贵州).
    Prefecture,
    /// 盟, 自治州.
    City,
    /// 县, 区, 旗, 自治县, 自治旗, 县级市.
    County,
    /// 乡, 镇, 街道.
    Township,
}

/// Level characters that end a place name, longest first (自治区 before 区).
pub(super) const LEVEL_MARKERS: &[(&str, Marker)] = &[
    ("特别行政区", Marker::Province),
    ("自治区", Marker::Province),
    ("自治州", Marker::City),
    ("自治县", Marker::County),
    ("自治旗", Marker::County),
    ("县级市", Marker::County),
    ("街道", Marker::Township),
    ("省", Marker::Province),
    ("市", Marker::Municipal),
    ("州", Marker::Prefecture),
    ("盟", Marker::City),
    ("县", Marker::County),
    ("区", Marker::County),
    ("旗", Marker::County),
    ("乡", Marker::Township),
    ("镇", Marker::Township),
];

/// Words in which a level character is not one, with the character's offset in the word:
/// 市场监管局, 城乡建设, 乡村振兴, 开发区 (a zone, not a district), 区域, 社区 …. A word
/// here must not end a real place name (山区 would break 立山区, 都市 成都市).
pub(super) const NOT_LEVEL_WORDS: &[(&str, usize)] = &[
    ("市场", 0),
    ("市民", 0),
    ("市政公用", 0),
    ("市政工程", 0),
    ("市政管理", 0),
    ("市政设施", 0),
    ("城市管理", 1),
    ("城市建设", 1),
    ("城市规划", 1),
    ("超市", 1),
    ("上市", 1),
    ("区域", 0),
    ("县域", 0),
    ("镇域", 0),
    ("城乡", 1),
    ("乡村", 0),
    ("城镇", 1),
    ("社区", 1),
    ("小区", 1),
    ("园区", 1),
    ("景区", 1),
    ("片区", 1),
    ("辖区", 1),
    ("库区", 1),
    ("港区", 1),
    ("校区", 1),
    ("新区", 1),
    ("开发区", 2),
    ("高新区", 2),
    ("经开区", 2),
    ("示范区", 2),
    ("试验区", 2),
    ("保税区", 2),
    ("功能区", 2),
    ("合作区", 2),
    ("自贸区", 2),
    ("集聚区", 2),
    ("联盟", 1),
    ("红旗", 1),
    ("旗舰", 0),
];

/// What follows a 区 that names a zone's committee rather than a district (新城区管委会).
pub(super) const ZONE_FOLLOWERS: &[&str] = &["管委会", "管理委员会", "党工委"];

/// The four municipalities directly under the central government: provincial level.
pub(super) const MUNICIPALITIES: &[&str] = &["北京", "天津", "上海", "重庆"];

/// Names before 市 that mean the issuer's own city (市发改局, 全市, 本市).
pub(super) const OWN_PLACE: &[&str] = &["", "全", "本", "我"];

/// A place name is at most this many characters before its level character
/// (克孜勒苏柯尔克孜 自治州).
pub(super) const MAX_PLACE_CHARS: usize = 8;

/// Characters a place name never contains: once one is reached, the place chain has ended.
pub(super) const PLACE_STOP_CHARS: &[char] = &[
    '局', '厅', '部', '委', '办', '署', '府', '院', '司', '室', '（', '）', '、', '，', '：', '；',
    '。', '〔', '〕',
];

// --- Levels --------------------------------------------------------------------------------

/// What a name's prefix says about its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prefix {
    /// A national prefix (国务院, 国家 …).
    National,
    /// A place chain ending at this level.
    Place(AdminLevel),
    /// No prefix: the name starts with a department's function or a collective word.
    Unprefixed,
    /// A place name without a level character, or nothing recognisable.
    Unknown,
}

pub(super) fn prefix_of(name: &str, issuer: AdminLevel) -> Prefix {
    // 中共中央… becomes 中央…, national; 中共荆州市委 becomes 荆州市委.
    let mut s = strip_one(strip_all(name, GROUP_PREFIXES), PARTY_PREFIXES);
    // A branch of a national body: read the level from what follows the parent's name.
    while let Some(rest) = BRANCH_PARENTS
        .iter()
        .find_map(|p| s.strip_prefix(p).filter(|r| !r.is_empty()))
    {
        s = rest;
    }
    if ends_with_any(s, BANK_BRANCH_SUFFIXES)
        && let Some(rest) = s
            .split_once("银行")
            .map(|(_, r)| r)
            .filter(|r| !r.is_empty())
    {
        s = rest;
    }
    if starts_with_any(s, NATIONAL_PREFIXES) {
        return Prefix::National;
    }
    let chars: Vec<char> = s.chars().collect();
    if let Some((_, level)) = place_chain(&chars, issuer) {
        return Prefix::Place(level);
    }
    if starts_with_any(s, UNPREFIXED_HEADS) {
        Prefix::Unprefixed
    } else {
        Prefix::Unknown
    }
}

/// The place chain at the start of `chars` (湖北省荆州市, 区, 各县 after 各 is stripped): where
/// it ends and the level of its last link.
pub(super) fn place_chain(chars: &[char], issuer: AdminLevel) -> Option<(usize, AdminLevel)> {
    let mut found = None;
    let mut pos = 0;
    while let Some((end, level)) = next_place(chars, pos, issuer) {
        found = Some((end, level));
        pos = end;
    }
    found
}

/// One link of a place chain starting at `start`: a name of at most [`MAX_PLACE_CHARS`]
/// characters and its level character.
pub(super) fn next_place(
    chars: &[char],
    start: usize,
    issuer: AdminLevel,
) -> Option<(usize, AdminLevel)> {
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        let name_len = i - start;
        if name_len > MAX_PLACE_CHARS {
            return None;
        }
        for &(text, marker) in LEVEL_MARKERS {
            if !starts_with_at(chars, i, text) || is_not_level(chars, i) {
                continue;
            }
            let end = i + text.chars().count();
            if marker == Marker::Prefecture && name_len == 1 {
                continue;
            }
            if text == "区" && ZONE_FOLLOWERS.iter().any(|f| starts_with_at(chars, end, f)) {
                continue;
            }
            let name: String = chars.get(start..i).unwrap_or_default().iter().collect();
            return Some((end, marker_level(marker, &name, issuer)));
        }
        if PLACE_STOP_CHARS.contains(&c) {
            return None;
        }
        i += 1;
    }
    None
}

pub(super) fn marker_level(marker: Marker, name: &str, issuer: AdminLevel) -> AdminLevel {
    match marker {
        Marker::Province => AdminLevel::Provincial,
        Marker::Municipal if MUNICIPALITIES.contains(&name) => AdminLevel::Provincial,
        Marker::Municipal if OWN_PLACE.contains(&name) && issuer == AdminLevel::County => {
            AdminLevel::County
        }
        Marker::Municipal | Marker::Prefecture | Marker::City => AdminLevel::City,
        Marker::County => AdminLevel::County,
        Marker::Township => AdminLevel::Township,
    }
}

/// Whether the level character at `i` is part of a word of [`NOT_LEVEL_WORDS`].
pub(super) fn is_not_level(chars: &[char], i: usize) -> bool {
    NOT_LEVEL_WORDS
        .iter()
        .any(|&(word, offset)| i >= offset && starts_with_at(chars, i - offset, word))
}

pub(super) fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, wc)| chars.get(at + k) == Some(&wc))
}
