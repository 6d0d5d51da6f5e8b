//! The kinds and levels read from the corpus's units and issuers, and odd names.

use super::*;

use crate::model::{AdminLevel as L, OrganizationKind as K};

/// (name, issuer as printed, kind, level): units and issuers of data/corpus/*.txt.
const CORPUS: &[(&str, &str, OrganizationKind, AdminLevel)] = &[
    // gov_2018_126 / gov_2018_128 / gov_2018_gzbg / gov_2020_06 (national).
    ("国家发展改革委", "国务院办公厅", K::Department, L::National),
    ("农业农村部", "国务院办公厅", K::Department, L::National),
    ("供销合作总社", "国务院办公厅", K::Department, L::National),
    ("最高人民法院", "国务院办公厅", K::Judicial, L::National),
    ("最高人民检察院", "国务院办公厅", K::Judicial, L::National),
    ("中国人民银行", "国务院办公厅", K::Bank, L::National),
    ("人民银行", "国务院办公厅", K::Bank, L::National),
    ("国家知识产权局", "国务院办公厅", K::Department, L::National),
    ("中国银保监会", "国务院办公厅", K::Department, L::National),
    ("银保监会", "国务院办公厅", K::Department, L::National),
    ("中国证监会", "国务院办公厅", K::Department, L::National),
    ("科技部", "国务院办公厅", K::Department, L::National),
    ("财政部", "国务院办公厅", K::Department, L::National),
    ("国务院国资委", "国务院办公厅", K::Department, L::National),
    ("中科院", "国务院办公厅", K::Institution, L::National),
    ("工业和信息化部", "国务院办公厅", K::Department, L::National),
    (
        "人力资源社会保障部",
        "国务院办公厅",
        K::Department,
        L::National,
    ),
    ("审计署", "国务院办公厅", K::Department, L::National),
    ("生态环境部", "国务院办公厅", K::Department, L::National),
    ("住房城乡建设部", "国务院办公厅", K::Department, L::National),
    ("国家卫生健康委", "国务院办公厅", K::Department, L::National),
    ("市场监管总局", "国务院办公厅", K::Department, L::National),
    ("税务总局", "国务院办公厅", K::Department, L::National),
    ("国管局", "国务院办公厅", K::Department, L::National),
    ("试点城市政府", "国务院办公厅", K::Group, L::City),
    ("退役军人事务部", "国务院", K::Department, L::National),
    ("国家粮食和物资储备局", "国务院", K::Department, L::National),
    ("有关部门", "国务院", K::Group, L::National),
    ("国务院各部门", "国务院", K::Group, L::National),
    // sichuan_2022 (province, issued by a department).
    (
        "省发展改革委",
        "四川省发展和改革委员会",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省市场监管局",
        "四川省发展和改革委员会",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "商务厅",
        "四川省发展和改革委员会",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省大数据中心",
        "四川省发展和改革委员会",
        K::Institution,
        L::Provincial,
    ),
    (
        "相关市（州）人民政府",
        "四川省发展和改革委员会",
        K::Group,
        L::City,
    ),
    // guangdong_2021 / anhui_2022 (province).
    ("各地", "广东省人民政府", K::Group, L::Unknown),
    ("各部门", "广东省人民政府", K::Group, L::Provincial),
    ("省政府各部门", "安徽省人民政府", K::Group, L::Provincial),
    ("各直属机构", "安徽省人民政府", K::Group, L::Provincial),
    (
        "省经济和信息化厅",
        "安徽省人民政府",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省住房城乡建设厅",
        "安徽省人民政府",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省文化和旅游厅",
        "安徽省人民政府",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省林业局",
        "安徽省人民政府",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    (
        "省税务局",
        "安徽省人民政府",
        K::ProvincialDepartment,
        L::Provincial,
    ),
    ("合肥海关", "安徽省人民政府", K::Department, L::Unknown),
    ("人行合肥中心支行", "安徽省人民政府", K::Bank, L::Unknown),
    // jingzhou_2009 / pingdingshan_2013 / jinhua_2011 / changsha_2012 / shaoxing (city).
    (
        "市发改委",
        "湖北省荆州市人民政府办公室",
        K::Department,
        L::City,
    ),
    (
        "市政府相关部门",
        "湖北省荆州市人民政府办公室",
        K::Group,
        L::City,
    ),
    (
        "各县市区政府",
        "湖北省荆州市人民政府办公室",
        K::Group,
        L::County,
    ),
    (
        "荆州开发区",
        "湖北省荆州市人民政府办公室",
        K::Government,
        L::Unknown,
    ),
    (
        "荆州供电公司",
        "湖北省荆州市人民政府办公室",
        K::Enterprise,
        L::Unknown,
    ),
    (
        "市人口和计生委",
        "湖北省荆州市人民政府办公室",
        K::Department,
        L::City,
    ),
    (
        "市工业和信息化局",
        "平顶山市人民政府办公室",
        K::Department,
        L::City,
    ),
    (
        "市政府金融办",
        "平顶山市人民政府办公室",
        K::Department,
        L::City,
    ),
    (
        "相关县（市、区）政府",
        "平顶山市人民政府办公室",
        K::Group,
        L::County,
    ),
    (
        "高新区管委会",
        "平顶山市人民政府办公室",
        K::Government,
        L::City,
    ),
    (
        "新城区管委会",
        "平顶山市人民政府办公室",
        K::Government,
        L::Unknown,
    ),
    ("平煤神马", "平顶山市人民政府办公室", K::Other, L::Unknown),
    (
        "各县（市、区）党委和政府",
        "金华市委、市政府",
        K::Group,
        L::County,
    ),
    (
        "金华经济技术开发区管委会",
        "金华市委、市政府",
        K::Government,
        L::Unknown,
    ),
    (
        "市财政（地税）局",
        "金华市委、市政府",
        K::Department,
        L::City,
    ),
    ("市政府办公厅", "长沙市人民政府", K::Department, L::City),
    ("市直各单位", "长沙市人民政府", K::Group, L::City),
    ("市发改委", "绍兴市人民政府", K::Department, L::City),
    // yuncheng_2017 / xianyang_2022 / tengzhou_2023 (city, as the names read).
    ("市直各有关单位", "运城市人民政府办公厅", K::Group, L::City),
    (
        "各县（市、区）人民政府",
        "运城市人民政府办公厅",
        K::Group,
        L::County,
    ),
    ("各开发区管委会", "运城市人民政府办公厅", K::Group, L::City),
    (
        "市行政审批制度改革工作领导小组办公室",
        "咸阳市",
        K::Department,
        L::City,
    ),
    ("市级各有关部门", "咸阳市", K::Group, L::City),
    ("市委组织部", "滕州市人民政府办公室", K::PartyOrgan, L::City),
    ("市科技局", "滕州市人民政府办公室", K::Department, L::City),
    // caidian_2023 / gangcheng_2021 / lishan_2023 (district).
    (
        "区发展和改革局",
        "武汉市蔡甸区人民政府办公室",
        K::Department,
        L::County,
    ),
    (
        "区科技和经信局",
        "武汉市蔡甸区人民政府办公室",
        K::Department,
        L::County,
    ),
    (
        "区政府办公室",
        "济南市钢城区人民政府办公室",
        K::Department,
        L::County,
    ),
    (
        "区政府有关部门",
        "济南市钢城区人民政府办公室",
        K::Group,
        L::County,
    ),
    (
        "各街道（功能区）",
        "济南市钢城区人民政府办公室",
        K::Group,
        L::Township,
    ),
    (
        "区行政审批服务局",
        "济南市钢城区人民政府办公室",
        K::Department,
        L::County,
    ),
    ("区发改局", "鞍山市立山区人民政府", K::Department, L::County),
    (
        "立山经济开发区",
        "鞍山市立山区人民政府",
        K::Government,
        L::Unknown,
    ),
    (
        "全区经济运行各专班",
        "鞍山市立山区人民政府",
        K::Group,
        L::County,
    ),
    ("各街道", "鞍山市立山区人民政府", K::Group, L::Township),
    ("区直各部门", "鞍山市立山区人民政府", K::Group, L::County),
    ("区市场局", "鞍山市立山区人民政府", K::Department, L::County),
    ("税务局", "鞍山市立山区人民政府", K::Department, L::County),
    ("各相关单位", "鞍山市立山区人民政府", K::Group, L::County),
];

#[test]
fn corpus_units_get_their_kind_and_level() {
    let mut wrong = Vec::new();
    for &(name, issuer, kind, level) in CORPUS {
        let got = infer(name, issuer_level(issuer));
        if got != (kind, level) {
            wrong.push(format!(
                "{name} ({issuer}): got {got:?}, want {:?}",
                (kind, level)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(CORPUS.len() >= 40);
}

#[test]
fn issuers_of_the_corpus_get_their_level() {
    for (issuer, level) in [
        ("国务院办公厅", L::National),
        ("国务院", L::National),
        ("四川省发展和改革委员会", L::Provincial),
        ("广东省人民政府", L::Provincial),
        ("安徽省人民政府", L::Provincial),
        ("平顶山市人民政府办公室", L::City),
        ("金华市委、市政府", L::City),
        ("长沙市人民政府", L::City),
        ("绍兴市人民政府", L::City),
        ("湖北省荆州市人民政府办公室", L::City),
        ("荆州市人民政府办公室", L::City),
        ("运城市人民政府办公厅", L::City),
        ("咸阳市", L::City),
        ("滕州市人民政府办公室", L::City),
        ("武汉市蔡甸区人民政府办公室", L::County),
        ("区人民政府办公室", L::County),
        ("济南市钢城区人民政府办公室", L::County),
        ("鞍山市立山区人民政府", L::County),
        ("立山区人民政府", L::County),
    ] {
        assert_eq!(issuer_level(issuer), level, "{issuer}");
    }
}

#[test]
fn municipalities_are_provincial_and_their_districts_county() {
    for m in [
        "北京市人民政府",
        "天津市人民政府",
        "上海市人民政府",
        "重庆市人民政府办公厅",
    ] {
        assert_eq!(issuer_level(m), L::Provincial, "{m}");
    }
    assert_eq!(issuer_level("北京市海淀区人民政府"), L::County);
    assert_eq!(issuer_level("重庆市巫山县人民政府"), L::County);
}

#[test]
fn autonomous_areas_and_leagues_read_by_their_level_word() {
    assert_eq!(issuer_level("新疆维吾尔自治区人民政府"), L::Provincial);
    assert_eq!(
        issuer_level("广西壮族自治区发展和改革委员会"),
        L::Provincial
    );
    assert_eq!(issuer_level("香港特别行政区政府"), L::Provincial);
    assert_eq!(issuer_level("延边朝鲜族自治州人民政府"), L::City);
    assert_eq!(issuer_level("恩施州人民政府"), L::City);
    assert_eq!(issuer_level("锡林郭勒盟行政公署"), L::City);
    assert_eq!(issuer_level("长白朝鲜族自治县人民政府"), L::County);
    assert_eq!(issuer_level("鄂温克族自治旗人民政府"), L::County);
}

#[test]
fn level_characters_inside_place_names_do_not_mislead() {
    // 州 after one character is part of the name; 乡 and 镇 open 萍乡, 乡宁, 镇江.
    assert_eq!(issuer_level("贵州省人民政府"), L::Provincial);
    assert_eq!(issuer_level("杭州市人民政府"), L::City);
    assert_eq!(issuer_level("萍乡市人民政府"), L::City);
    assert_eq!(issuer_level("镇江市人民政府"), L::City);
    assert_eq!(issuer_level("临汾市乡宁县人民政府"), L::County);
    assert_eq!(issuer_level("济南市市中区人民政府"), L::County);
    // Words that are not levels (山区, 都市, 红旗) must not cut real place names.
    assert_eq!(issuer_level("成都市人民政府"), L::City);
    assert_eq!(issuer_level("大连市中山区人民政府"), L::County);
    assert_eq!(issuer_level("新乡市红旗区人民政府"), L::County);
}

#[test]
fn townships_and_subdistricts_are_township() {
    assert_eq!(issuer_level("蔡甸区某某街道办事处"), L::Township);
    assert_eq!(issuer_level("某某乡人民政府"), L::Township);
    assert_eq!(infer("各镇人民政府", L::County), (K::Group, L::Township));
    assert_eq!(infer("某某街道", L::County), (K::Government, L::Township));
}

#[test]
fn central_issuers_without_a_national_prefix_are_national() {
    for i in [
        "财政部",
        "生态环境部办公厅",
        "海关总署",
        "市场监管总局",
        "中共中央办公厅",
        "人民银行",
    ] {
        assert_eq!(issuer_level(i), L::National, "{i}");
    }
    assert_eq!(issuer_level(""), L::Unknown);
    assert_eq!(issuer_level("某某有限公司"), L::Unknown);
    assert_eq!(issuer_level("税务局"), L::Unknown);
}

#[test]
fn a_bare_city_in_a_county_level_plan_is_the_county_level_city() {
    assert_eq!(infer("市发改局", L::County), (K::Department, L::County));
    assert_eq!(infer("市发改局", L::City), (K::Department, L::City));
    assert_eq!(
        infer("济南市人民政府办公厅", L::County),
        (K::Department, L::City)
    );
}

#[test]
fn unprefixed_names_take_the_issuers_level_but_ministries_stay_national() {
    assert_eq!(
        infer("商务厅", L::Provincial),
        (K::ProvincialDepartment, L::Provincial)
    );
    assert_eq!(infer("财政局", L::City), (K::Department, L::City));
    assert_eq!(infer("财政部", L::Provincial), (K::Department, L::National));
    assert_eq!(infer("海关总署", L::City), (K::Department, L::National));
    assert_eq!(infer("有关部门", L::County), (K::Group, L::County));
    assert_eq!(infer("组织部", L::City), (K::PartyOrgan, L::City));
    assert_eq!(infer("财政部", L::Unknown), (K::Department, L::National));
    assert_eq!(infer("商务厅", L::Unknown), (K::Department, L::Unknown));
}

#[test]
fn a_place_name_without_a_level_character_leaves_the_level_unknown() {
    assert_eq!(
        infer("济南海关", L::Provincial),
        (K::Department, L::Unknown)
    );
    assert_eq!(infer("荆州市发改委", L::County), (K::Department, L::City));
    assert_eq!(infer("荆州县发改委", L::City), (K::Department, L::County));
    assert_eq!(infer("荆州区发改委", L::City), (K::Department, L::County));
}

#[test]
fn branches_of_national_bodies_read_the_level_after_the_parent() {
    assert_eq!(
        infer("中国人民银行太原中心支行", L::Provincial),
        (K::Bank, L::Unknown)
    );
    assert_eq!(
        infer("中国人民银行荆州市中心支行", L::City),
        (K::Bank, L::City)
    );
    assert_eq!(
        infer("国家税务总局荆州市税务局", L::City),
        (K::Department, L::City)
    );
    assert_eq!(
        infer("国家外汇管理局山西省分局", L::Provincial).1,
        L::Provincial
    );
}

#[test]
fn party_organs_are_recognised() {
    assert_eq!(
        infer("省委组织部", L::Provincial),
        (K::PartyOrgan, L::Provincial)
    );
    assert_eq!(infer("市委宣传部", L::City), (K::PartyOrgan, L::City));
    assert_eq!(infer("区委统战部", L::County), (K::PartyOrgan, L::County));
    assert_eq!(infer("县委", L::County), (K::PartyOrgan, L::County));
    assert_eq!(infer("中共荆州市委", L::City), (K::PartyOrgan, L::City));
    assert_eq!(
        infer("中共中央办公厅", L::National),
        (K::PartyOrgan, L::National)
    );
    assert_eq!(infer("街道党工委", L::County), (K::PartyOrgan, L::Township));
    // 委员会 is not a Party committee.
    assert_eq!(
        infer("市发展和改革委员会", L::City),
        (K::Department, L::City)
    );
}

#[test]
fn governments_and_their_offices_are_told_apart() {
    assert_eq!(infer("国务院", L::National), (K::Government, L::National));
    assert_eq!(
        infer("国务院办公厅", L::National),
        (K::Department, L::National)
    );
    assert_eq!(
        infer("省人民政府", L::Provincial),
        (K::Government, L::Provincial)
    );
    assert_eq!(
        infer("省政府办公厅", L::Provincial),
        (K::ProvincialDepartment, L::Provincial)
    );
    assert_eq!(
        infer("区人民政府办公室", L::County),
        (K::Department, L::County)
    );
    assert_eq!(infer("荆州市", L::Provincial), (K::Government, L::City));
    assert_eq!(
        infer("某某街道办事处", L::County),
        (K::Government, L::Township)
    );
}

#[test]
fn courts_banks_enterprises_and_institutions() {
    assert_eq!(infer("市中级人民法院", L::City), (K::Judicial, L::City));
    assert_eq!(infer("区人民检察院", L::County), (K::Judicial, L::County));
    assert_eq!(
        infer("太原钢铁（集团）有限公司", L::Provincial).0,
        K::Enterprise
    );
    assert_eq!(infer("同煤集团", L::Provincial).0, K::Enterprise);
    assert_eq!(
        infer("省农村信用社", L::Provincial),
        (K::Bank, L::Provincial)
    );
    assert_eq!(
        infer("省社科院", L::Provincial),
        (K::Institution, L::Provincial)
    );
    assert_eq!(infer("市农技站", L::City), (K::Institution, L::City));
    assert_eq!(
        infer("山西大学", L::Provincial),
        (K::Institution, L::Unknown)
    );
    assert_eq!(infer("市政务服务中心", L::City), (K::Institution, L::City));
}

#[test]
fn collectives_with_a_note_or_a_range_are_groups() {
    assert_eq!(
        infer("省级有关部门（单位）", L::Provincial),
        (K::Group, L::Provincial)
    );
    assert_eq!(infer("县级以上人民政府", L::Provincial).0, K::Group);
    assert_eq!(
        infer("各省、自治区、直辖市人民政府", L::National),
        (K::Group, L::Provincial)
    );
    assert_eq!(infer("重点企业", L::City).0, K::Group);
    assert_eq!(
        infer("省林业局（省草原局）", L::Provincial).0,
        K::ProvincialDepartment
    );
}

#[test]
fn bank_branches_police_units_and_township_offices() {
    assert_eq!(
        infer("中国工商银行荆州分行", L::City),
        (K::Bank, L::Unknown)
    );
    assert_eq!(infer("中国农业银行荆州市分行", L::City), (K::Bank, L::City));
    assert_eq!(infer("农行", L::County).0, K::Bank);
    assert_eq!(infer("市公安局交警支队", L::City), (K::Department, L::City));
    assert_eq!(infer("区司法所", L::County), (K::Department, L::County));
    assert_eq!(infer("某某律师事务所", L::City).0, K::Enterprise);
    assert_eq!(infer("中组部", L::City), (K::PartyOrgan, L::National));
    // A Youth League committee is not a Party committee.
    assert_ne!(infer("团市委", L::City).0, K::PartyOrgan);
}

#[test]
fn folding_a_corpus_name_does_not_change_its_kind_or_level() {
    for &(name, issuer, _, _) in CORPUS {
        let issuer = issuer_level(issuer);
        let folded = canonical_name(name);
        assert_eq!(
            infer(&folded, issuer),
            infer(name, issuer),
            "{name} → {folded}"
        );
    }
}

#[test]
fn departments_in_the_shanxi_registry_stay_provincial_departments() {
    let registry = include_str!("../../../data/shanxi-2013/organizations.tsv");
    for line in registry
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        if kind == "provincial_department" {
            assert_eq!(
                infer(name, L::Provincial),
                (K::ProvincialDepartment, L::Provincial),
                "{name}"
            );
        }
        // Every name the registry prints is already canonical.
        assert_eq!(canonical_name(name), name, "{name}");
    }
}

#[test]
fn empty_and_odd_names_do_not_panic() {
    assert_eq!(infer("", L::City), (K::Other, L::Unknown));
    assert_eq!(infer("   ", L::City), (K::Other, L::Unknown));
    assert_eq!(infer("（）", L::City).0, K::Other);
    assert_eq!(issuer_level("市"), L::City);
    assert_eq!(canonical_name(""), "");
}
