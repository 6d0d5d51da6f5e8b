//! canonical_name: the folds of the corpus's and the registry's spellings, and the table's
//! own checks.

use super::*;
use proptest::prelude::*;

use crate::model::AdminLevel as L;

#[test]
fn development_and_reform_spellings_fold_to_fazhan_gaige() {
    for v in [
        "发展和改革委员会",
        "发展改革委员会",
        "发展改革委",
        "发改委",
        "发展和改革委",
    ] {
        assert_eq!(canonical_name(v), "发展改革委", "{v}");
    }
    assert_eq!(canonical_name("国家发展和改革委员会"), "国家发展改革委");
    assert_eq!(canonical_name("四川省发展和改革委员会"), "四川省发展改革委");
    for v in ["区发展和改革局", "区发展改革局", "区发改局"] {
        assert_eq!(canonical_name(v), "区发展改革局", "{v}");
    }
}

#[test]
fn human_resources_and_housing_spellings_fold() {
    for v in ["人力资源和社会保障部", "人力资源社会保障部", "人社部"] {
        assert_eq!(canonical_name(v), "人力资源社会保障部", "{v}");
    }
    assert_eq!(canonical_name("省人社厅"), "省人力资源社会保障厅");
    assert_eq!(canonical_name("市人社局"), "市人力资源社会保障局");
    assert_eq!(canonical_name("市人力社保局"), "市人力资源社会保障局");
    for v in ["住房和城乡建设部", "住房城乡建设部", "住建部"] {
        assert_eq!(canonical_name(v), "住房城乡建设部", "{v}");
    }
    assert_eq!(canonical_name("省住建厅"), "省住房城乡建设厅");
    assert_eq!(canonical_name("市住建局"), "市住房城乡建设局");
    assert_eq!(canonical_name("市劳动和社会保障局"), "市劳动保障局");
}

#[test]
fn information_spellings_fold() {
    for v in [
        "省经济和信息化委员会",
        "省经济信息化委",
        "省经信委",
        "省经济和信息化委",
    ] {
        assert_eq!(canonical_name(v), "省经信委", "{v}");
    }
    assert_eq!(canonical_name("省经济和信息化厅"), "省经信厅");
    assert_eq!(canonical_name("区经济信息化局"), "区经信局");
    assert_eq!(canonical_name("区科技和经信局"), "区科技和经信局");
    for v in ["工业和信息化部", "工业信息化部", "工信部"] {
        assert_eq!(canonical_name(v), "工业和信息化部", "{v}");
    }
    assert_eq!(canonical_name("区工信局"), "区工业和信息化局");
    assert_eq!(canonical_name("市工业和信息化局"), "市工业和信息化局");
}

#[test]
fn regulators_health_culture_and_land_spellings_fold() {
    assert_eq!(canonical_name("省市场监督管理局"), "省市场监管局");
    assert_eq!(canonical_name("区市场局"), "区市场监管局");
    assert_eq!(canonical_name("国家市场监督管理总局"), "市场监管总局");
    assert_eq!(canonical_name("市场监督管理总局"), "市场监管总局");
    assert_eq!(canonical_name("省环境保护厅"), "省环保厅");
    assert_eq!(canonical_name("市环境保护局"), "市环保局");
    for v in ["国家卫生健康委员会", "国家卫生健康委", "国家卫健委"] {
        assert_eq!(canonical_name(v), "国家卫生健康委", "{v}");
    }
    assert_eq!(canonical_name("省文旅厅"), "省文化和旅游厅");
    assert_eq!(canonical_name("市文旅局"), "市文化和旅游局");
    assert_eq!(canonical_name("市自然资源规划局"), "市自然资源和规划局");
    assert_eq!(canonical_name("省农业农村厅"), "省农业农村厅");
    assert_eq!(canonical_name("省农村农业厅"), "省农业农村厅");
    assert_eq!(canonical_name("省科学技术厅"), "省科技厅");
    assert_eq!(canonical_name("市科学技术局"), "市科技局");
    assert_eq!(canonical_name("省交通厅"), "省交通运输厅");
    assert_eq!(canonical_name("省交通运输厅"), "省交通运输厅");
    assert_eq!(canonical_name("市人口和计生委"), "市人口计生委");
    assert_eq!(canonical_name("市人口计生委"), "市人口计生委");
}

#[test]
fn names_without_a_variant_are_kept() {
    for n in [
        "省财政厅",
        "省公安厅",
        "省教育厅",
        "省商务厅",
        "省水利厅",
        "省林业局",
        "市统计局",
        "省审计厅",
        "省司法厅",
        "生态环境部",
        "国家统计局",
        "荆州供电公司",
        "市委组织部",
        "最高人民法院",
    ] {
        assert_eq!(canonical_name(n), n);
    }
}

#[test]
fn government_spellings_fold() {
    assert_eq!(canonical_name("省人民政府"), "省政府");
    assert_eq!(canonical_name("市人民政府"), "市政府");
    assert_eq!(canonical_name("区人民政府办公室"), "区政府办公室");
    assert_eq!(canonical_name("区政府办公室"), "区政府办公室");
    assert_eq!(canonical_name("省人民政府办公厅"), "省政府办公厅");
    assert_eq!(
        canonical_name("各县（市、区）人民政府"),
        "各县（市、区）政府"
    );
    assert_eq!(
        canonical_name("国务院国有资产监督管理委员会"),
        "国务院国资委"
    );
    assert_eq!(
        canonical_name("山西省人民政府国有资产监督管理委员会"),
        "山西省国资委"
    );
    assert_eq!(canonical_name("省政府国资委"), "省国资委");
    assert_eq!(canonical_name("开发区管理委员会"), "开发区管委会");
    assert_eq!(canonical_name("省人民政府金融工作办公室"), "省政府金融办");
}

#[test]
fn national_bodies_fold_to_their_official_short_names() {
    assert_eq!(canonical_name("中国人民银行"), "人民银行");
    assert_eq!(canonical_name("中国银保监会"), "银保监会");
    assert_eq!(canonical_name("中国证券监督管理委员会"), "证监会");
    assert_eq!(canonical_name("中国科学院"), "中科院");
    assert_eq!(canonical_name("国家税务总局"), "税务总局");
    assert_eq!(canonical_name("国务院机关事务管理局"), "国管局");
    assert_eq!(canonical_name("中华全国供销合作总社"), "供销合作总社");
}

#[test]
fn shanxi_aliases_fold_to_the_registry_name() {
    for (alias, name) in [
        ("省发改委", "省发展改革委"),
        ("省发展和改革委员会", "省发展改革委"),
        ("省经济和信息化委员会", "省经信委"),
        ("省环境保护厅", "省环保厅"),
        ("省人力资源和社会保障厅", "省人力资源社会保障厅"),
        ("省人社厅", "省人力资源社会保障厅"),
        ("省住房和城乡建设厅", "省住房城乡建设厅"),
        ("省住建厅", "省住房城乡建设厅"),
        ("省科学技术厅", "省科技厅"),
        ("省国土资源厅", "省国土厅"),
        ("省煤炭工业厅", "省煤炭厅"),
        ("省机构编制委员会办公室", "省编办"),
        ("省扶贫开发办公室", "省扶贫办"),
        ("省安全生产监督管理局", "省安监局"),
        ("省食品药品监督管理局", "省食品药品监管局"),
        ("省食药监局", "省食品药品监管局"),
    ] {
        assert_eq!(canonical_name(alias), name, "{alias}");
    }
}

#[test]
fn whitespace_and_half_width_brackets_fold_as_in_the_registry() {
    assert_eq!(canonical_name(" 市政 府办 公厅 "), "市政府办公厅");
    assert_eq!(canonical_name("各县(市、区)人民政府"), "各县（市、区）政府");
}

#[test]
fn the_shipped_table_has_no_malformed_line() {
    let (rules, malformed) = parse_rules(ABBREVIATIONS_TSV);
    assert!(malformed.is_empty(), "malformed lines: {malformed:?}");
    assert!(rules.len() > 50);
}

#[test]
fn malformed_lines_are_skipped_not_fatal() {
    let text = "# comment\n\n甲乙\t甲\n只有一列\n三\t列\t多\n\t空\n空\t\n同\t同\n短\t短短\n有 空格\t有\n甲乙\t乙\n丙丁\t丙\r\n";
    let (rules, malformed) = parse_rules(text);
    assert_eq!(
        rules,
        vec![
            ("甲乙".to_owned(), "甲".to_owned()),
            ("丙丁".to_owned(), "丙".to_owned())
        ]
    );
    assert_eq!(malformed, vec![4, 5, 6, 7, 8, 9, 10, 11]);
}

#[test]
fn every_rule_folds_to_a_settled_short_form() {
    let (rules, _) = parse_rules(ABBREVIATIONS_TSV);
    for (long, short) in &rules {
        let short_c = canonical_name(short);
        assert_eq!(canonical_name(long), short_c, "{long} → {short}");
        assert!(settle(long).is_some(), "{long} does not settle");
        assert_eq!(canonical_name(&short_c), short_c, "{short}");
    }
}

#[test]
fn a_table_that_never_settles_keeps_the_name() {
    // Not constructible from the shipped table: exercise settle's guard directly.
    let rules = FoldRules::new(vec![
        ("甲".to_owned(), "乙".to_owned()),
        ("乙".to_owned(), "甲".to_owned()),
    ]);
    assert_eq!(fold_pass("甲", &rules), "乙");
    assert_eq!(settle_with("甲", &rules), None);
    assert_eq!(settle_with("丙", &rules).as_deref(), Some("丙"));
}

fn table_entries() -> Vec<String> {
    let (rules, _) = parse_rules(ABBREVIATIONS_TSV);
    rules.into_iter().flat_map(|(l, s)| [l, s]).collect()
}

proptest! {
    #[test]
    fn folding_is_idempotent_on_arbitrary_strings(s in any::<String>()) {
        let once = canonical_name(&s);
        prop_assert_eq!(canonical_name(&once), once);
    }

    #[test]
    fn folding_is_idempotent_on_glued_table_entries(
        parts in prop::collection::vec(
            prop_oneof![
                prop::sample::select(table_entries()),
                "[省市区县人民政府国家中华和委员会局厅部办改革发展信息化社保 ()]{0,3}",
            ],
            0..6,
        )
    ) {
        let s: String = parts.concat();
        let once = canonical_name(&s);
        prop_assert!(settle(&s).is_some(), "{} does not settle", s);
        prop_assert_eq!(canonical_name(&once), once);
    }

    #[test]
    fn inference_never_panics(s in any::<String>(), level in 0u8..6) {
        let issuer = [L::Unknown, L::National, L::Provincial, L::City, L::County, L::Township]
            [usize::from(level)];
        let _ = infer(&s, issuer);
        let _ = issuer_level(&s);
    }
}
