//! The synthetic national-scale data set: 31 provinces, each with several reform plans
//! shaped like the Shanxi plan, about 100 000 tasks, 3 000 organisations and 1 000 000
//! edges, written through reformgraph's public API only.
//!
//! Everything is derived from [`Config::seed`] by [`XorShift64`], so two runs (or two
//! machines) build the same graph, node for node and id for id.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use reformgraph::import::{Registry, bundled};
use reformgraph::{
    Area, AreaLevel, Comparator, Date, Edge, EdgeKind, GraphRead, Indicator, NodeId, NodeKey,
    NodeKind, Organization, OrganizationKind, Plan, Section, SectionLevel, Store, Target, Task,
    TaskRole, Unit,
};

use crate::Result;
use crate::rng::XorShift64;
use crate::vocab::{
    Corpus, EXTRA_DEPARTMENTS, INDICATORS, INDUSTRIES, PARTS, PLACE_CHARS, PLAN_THEMES, PROVINCES,
};

/// The shape of the data set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Config {
    /// Provinces (at most 31).
    pub provinces: usize,
    /// Plans per province (at most 8).
    pub plans_per_province: usize,
    /// Categories under each of the six parts of a plan.
    pub categories_per_part: usize,
    /// Tasks under each category.
    pub tasks_per_category: usize,
    /// Prefecture-level cities per province.
    pub cities_per_province: usize,
    /// Counties (and districts, county-level cities) per city.
    pub counties_per_city: usize,
    /// Enterprises per province.
    pub enterprises_per_province: usize,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for Config {
    /// The national scale of the benchmarks: 31 × 6 plans × 6 parts × 6 categories × 15
    /// tasks = 100 440 tasks.
    fn default() -> Self {
        Self {
            provinces: 31,
            plans_per_province: 6,
            categories_per_part: 6,
            tasks_per_category: 15,
            cities_per_province: 11,
            counties_per_city: 8,
            enterprises_per_province: 20,
            seed: 2013,
        }
    }
}

impl Config {
    /// A small configuration for tests: 2 provinces, 1 plan each.
    pub fn small() -> Self {
        Self {
            provinces: 2,
            plans_per_province: 1,
            categories_per_part: 2,
            tasks_per_category: 5,
            cities_per_province: 3,
            counties_per_city: 3,
            enterprises_per_province: 2,
            seed: 7,
        }
    }

    /// Tasks the configuration produces.
    pub fn task_count(&self) -> usize {
        self.provinces
            * self.plans_per_province
            * PARTS.len()
            * self.categories_per_part
            * self.tasks_per_category
    }

    /// A stable fingerprint of the configuration (and of the generator's version), used to
    /// decide whether a data set kept on disk can be reused.
    pub fn fingerprint(&self) -> String {
        format!(
            "v1-{}-{}-{}-{}-{}-{}-{}-{}",
            self.provinces,
            self.plans_per_province,
            self.categories_per_part,
            self.tasks_per_category,
            self.cities_per_province,
            self.counties_per_city,
            self.enterprises_per_province,
            self.seed
        )
    }
}

/// Natural keys of nodes the benchmarks start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmarks {
    /// The organisation leading the most tasks (山西省发展改革委): the 1-hop and 2-hop start.
    pub busy_org: String,
    /// A department, the start of the shortest-path query (山西省环保厅).
    pub path_from: String,
    /// A county of the same province, the end of the shortest-path query.
    pub path_to: String,
}

/// What [`generate`] built.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Nodes written.
    pub nodes: u64,
    /// Edges written (each stored twice, once per direction).
    pub edges: u64,
    /// Tasks written.
    pub tasks: u64,
    /// Organisations written.
    pub organizations: u64,
    /// Areas written.
    pub areas: u64,
    /// Write transactions committed.
    pub transactions: u32,
    /// Wall time of the whole generation, commits included.
    pub elapsed: Duration,
    /// Where the benchmarks start.
    pub landmarks: Landmarks,
}

struct ProvinceOrgs {
    /// Departments in lead-likelihood order (发展改革委 first).
    departments: Vec<(NodeId, String)>,
    governments: Vec<(NodeId, String)>,
    enterprises: Vec<(NodeId, String)>,
}

struct ProvinceAreas {
    cities: Vec<(NodeId, String)>,
    counties: Vec<(NodeId, String)>,
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral(n: usize) -> String {
    match n {
        1..=10 => NUMERALS.get(n - 1).copied().unwrap_or("十").to_owned(),
        11..=19 => format!("十{}", NUMERALS.get(n - 11).copied().unwrap_or("")),
        _ => n.to_string(),
    }
}

fn role(name: &str) -> TaskRole {
    TaskRole::from_name(name).unwrap_or(TaskRole::Reform)
}

fn localize(sentence: &str, full: &str, short: &str) -> String {
    sentence.replace("山西省", full).replace("山西", short)
}

/// Builds the data set in `store` (which should be empty) and returns what it wrote.
/// Areas, organisations and indicators (every name the full-text index matches) go in
/// the first transaction; each province's plans then go in one transaction of their own,
/// so the index never has to re-tokenise documents for names added later.
///
/// # Errors
/// Any error of the store; an invalid configuration (more provinces or plans than the
/// vocabulary has).
pub fn generate(store: &Store, config: &Config) -> Result<Generated> {
    if config.provinces == 0 || config.provinces > PROVINCES.len() {
        return Err(format!("provinces must be 1..={}", PROVINCES.len()).into());
    }
    if config.plans_per_province == 0 || config.plans_per_province > PLAN_THEMES.len() {
        return Err(format!("plans per province must be 1..={}", PLAN_THEMES.len()).into());
    }
    let started = Instant::now();
    let corpus = Corpus::from_plan(bundled::SHANXI_2013_TEXT);
    let registry = Registry::shanxi()?;
    let provinces = PROVINCES.get(..config.provinces).unwrap_or(&PROVINCES);
    let place_chars: Vec<char> = {
        let mut seen = HashSet::new();
        PLACE_CHARS.chars().filter(|c| seen.insert(*c)).collect()
    };

    // Department templates: the Shanxi registry's provincial departments, then extras.
    let mut templates: Vec<(String, Vec<String>)> = Vec::new();
    for org in registry.organizations() {
        if org.kind == OrganizationKind::ProvincialDepartment && org.name.starts_with('省') {
            templates.push((org.name.clone(), org.aliases.clone()));
        }
    }
    for extra in EXTRA_DEPARTMENTS {
        if !templates.iter().any(|(n, _)| n == extra) {
            templates.push((extra.to_owned(), Vec::new()));
        }
    }

    // Transaction 1: areas, organisations, indicators.
    let mut rng = XorShift64::new(config.seed);
    let mut used_names: HashSet<String> = PROVINCES.iter().map(|p| p.1.to_owned()).collect();
    let (orgs, areas, indicators) = store.write(|tx| {
        let mut all_orgs = Vec::new();
        let mut all_areas = Vec::new();
        for &(full, short, _) in provinces {
            let province = tx.insert(
                NodeKey::area(full)?,
                Area {
                    name: full.to_owned(),
                    level: AreaLevel::Province,
                    aliases: vec![short.to_owned()],
                },
                None,
            )?;
            let mut cities = Vec::new();
            let mut counties = Vec::new();
            for _ in 0..config.cities_per_province {
                let base = unique_place(&mut rng, &place_chars, &mut used_names);
                let name = format!("{base}市");
                let city = tx.insert(
                    NodeKey::area(&name)?,
                    Area {
                        name: name.clone(),
                        level: AreaLevel::PrefectureCity,
                        aliases: vec![base.clone()],
                    },
                    None,
                )?;
                tx.add_edge(Edge::new(city, EdgeKind::InArea, province))?;
                for _ in 0..config.counties_per_city {
                    let base = unique_place(&mut rng, &place_chars, &mut used_names);
                    let (suffix, level) = match rng.below(10) {
                        0..=5 => ("县", AreaLevel::County),
                        6..=8 => ("区", AreaLevel::District),
                        _ => ("市", AreaLevel::CountyLevelCity),
                    };
                    let cname = format!("{base}{suffix}");
                    let county = tx.insert(
                        NodeKey::area(&cname)?,
                        Area {
                            name: cname.clone(),
                            level,
                            aliases: Vec::new(),
                        },
                        None,
                    )?;
                    tx.add_edge(Edge::new(county, EdgeKind::InArea, city))?;
                    counties.push((county, cname));
                }
                cities.push((city, name));
            }

            let mut departments = Vec::new();
            for (template, aliases) in &templates {
                let rest = template.strip_prefix('省').unwrap_or(template);
                // 省环保厅 → 山西省环保厅, 省委组织部 → 山西省委组织部.
                let name = format!("{full}{rest}");
                let aliases: Vec<String> = aliases
                    .iter()
                    .filter(|a| a.starts_with("山西省"))
                    .map(|a| a.replacen("山西省", full, 1))
                    .filter(|a| *a != name)
                    .collect();
                let id = tx.insert(
                    NodeKey::organization(&name)?,
                    Organization {
                        name: name.clone(),
                        kind: OrganizationKind::ProvincialDepartment,
                        aliases,
                        ..Default::default()
                    },
                    None,
                )?;
                departments.push((id, name));
            }
            let mut governments = Vec::new();
            for (_, city) in &cities {
                let name = format!("{city}政府");
                let id = tx.insert(
                    NodeKey::organization(&name)?,
                    Organization {
                        name: name.clone(),
                        kind: OrganizationKind::Government,
                        aliases: vec![format!("{city}人民政府")],
                        ..Default::default()
                    },
                    None,
                )?;
                governments.push((id, name));
            }
            let mut enterprises = Vec::new();
            for i in 0..config.enterprises_per_province {
                let city = cities
                    .get(i % cities.len().max(1))
                    .map(|(_, c)| c.trim_end_matches('市').to_owned())
                    .unwrap_or_else(|| short.to_owned());
                let industry = INDUSTRIES
                    .get(i % INDUSTRIES.len())
                    .copied()
                    .unwrap_or("能源");
                let name = format!("{city}{industry}集团有限公司");
                let id = tx.insert(
                    NodeKey::organization(&name)?,
                    Organization {
                        name: name.clone(),
                        kind: OrganizationKind::Enterprise,
                        aliases: vec![format!("{city}{industry}集团")],
                        ..Default::default()
                    },
                    None,
                )?;
                enterprises.push((id, name));
            }
            all_orgs.push(ProvinceOrgs {
                departments,
                governments,
                enterprises,
            });
            all_areas.push(ProvinceAreas { cities, counties });
        }
        let mut indicators = Vec::new();
        for &(name, unit) in &INDICATORS {
            let unit = if unit == "%" {
                Unit::Percent
            } else {
                Unit::Other(unit.to_owned())
            };
            let id = tx.insert(
                NodeKey::from_segments(["indicator", name])?,
                Indicator {
                    name: name.to_owned(),
                    unit: unit.clone(),
                },
                None,
            )?;
            indicators.push((id, name, unit));
        }
        Ok::<_, reformgraph::Error>((all_orgs, all_areas, indicators))
    })?;
    let mut transactions = 1u32;

    // One transaction per province.
    let deadline = Date::end_of_year(2015)?;
    for (p, &(full, short, code)) in provinces.iter().enumerate() {
        let (Some(po), Some(pa)) = (orgs.get(p), areas.get(p)) else {
            continue;
        };
        let mut rng = XorShift64::new(config.seed ^ ((p as u64 + 1) << 32));
        store.write(|tx| {
            for plan_no in 0..config.plans_per_province {
                let theme = PLAN_THEMES.get(plan_no).copied().unwrap_or("综合改革");
                let plan_key = NodeKey::new(format!("{code}-p{}", plan_no + 1))?;
                let preamble: Vec<String> = (0..3)
                    .filter_map(|_| rng.pick(&corpus.sentences))
                    .map(|s| localize(s, full, short))
                    .collect();
                let plan = tx.insert(
                    plan_key.clone(),
                    Plan {
                        title: format!("{full}{theme}实施方案（2013—2015年）"),
                        issuer: Some(format!("{full}人民政府")),
                        document_number: None,
                        issued_on: None,
                        period_start: Some(2013),
                        period_end: Some(2015),
                        implements: None,
                        preamble,
                        ..Default::default()
                    },
                    None,
                )?;
                // Plan-level targets.
                for (i, (ind, name, unit)) in indicators.iter().enumerate() {
                    if i % 3 != plan_no % 3 {
                        continue;
                    }
                    add_target(
                        tx,
                        plan,
                        &plan_key.child(format!("target/{name}"))?,
                        (*ind, name, unit),
                        &mut rng,
                        deadline,
                    )?;
                }
                for _ in 0..3 {
                    if let Some((county, _)) = rng.pick(&pa.counties) {
                        tx.add_edge(Edge::new(plan, EdgeKind::DesignatedPilot, *county))?;
                    }
                }
                let mut role_counters: HashMap<&str, u32> = HashMap::new();
                for (part_no, &(part_title, role_name)) in PARTS.iter().enumerate() {
                    let part_key = plan_key.child(format!("part/{}", part_no + 1))?;
                    let part = tx.insert(
                        part_key.clone(),
                        Section {
                            level: SectionLevel::Part,
                            number: numeral(part_no + 1),
                            ordinal: part_no as u32 + 1,
                            title: part_title.to_owned(),
                            paragraphs: Vec::new(),
                        },
                        None,
                    )?;
                    tx.add_edge(Edge::new(
                        plan,
                        EdgeKind::Contains {
                            order: part_no as u32,
                        },
                        part,
                    ))?;
                    for cat_no in 0..config.categories_per_part {
                        let title = rng
                            .pick(&corpus.categories)
                            .map(|s| localize(s, full, short))
                            .unwrap_or_else(|| "综合改革".to_owned());
                        let cat = tx.insert(
                            part_key.child(cat_no + 1)?,
                            Section {
                                level: SectionLevel::Category,
                                number: numeral(cat_no + 1),
                                ordinal: cat_no as u32 + 1,
                                title,
                                paragraphs: rng
                                    .pick(&corpus.sentences)
                                    .map(|s| localize(s, full, short))
                                    .into_iter()
                                    .collect(),
                            },
                            None,
                        )?;
                        tx.add_edge(Edge::new(
                            part,
                            EdgeKind::Contains {
                                order: cat_no as u32,
                            },
                            cat,
                        ))?;
                        for t in 0..config.tasks_per_category {
                            let counter = role_counters.entry(role_name).or_insert(0);
                            *counter += 1;
                            let n = *counter;
                            let key = plan_key.child(format!("{role_name}/{n}"))?;
                            let task = write_task(
                                tx,
                                &mut rng,
                                &corpus,
                                (full, short),
                                po,
                                pa,
                                (key, role(role_name), n, deadline),
                            )?;
                            tx.add_edge(Edge::new(
                                cat,
                                EdgeKind::Contains { order: t as u32 },
                                task,
                            ))?;
                            if rng.below(100) < 8
                                && let Some((ind, name, unit)) = rng.pick(&indicators)
                            {
                                let tkey = plan_key.child(format!("target/{role_name}-{n}"))?;
                                add_target(
                                    tx,
                                    task,
                                    &tkey,
                                    (*ind, name, unit),
                                    &mut rng,
                                    deadline,
                                )?;
                            }
                        }
                    }
                }
            }
            Ok::<_, reformgraph::Error>(())
        })?;
        transactions += 1;
    }

    let snap = store.read()?;
    let (shanxi_full, _, _) = PROVINCES.get(3).copied().unwrap_or(PROVINCES[0]);
    let province = provinces
        .iter()
        .position(|p| p.0 == shanxi_full)
        .unwrap_or(0);
    let prov_name = provinces.get(province).map_or(shanxi_full, |p| p.0);
    let busy_org = orgs
        .get(province)
        .and_then(|o| o.departments.first())
        .map(|(_, n)| format!("org/{n}"))
        .unwrap_or_default();
    let path_from = format!("org/{prov_name}环保厅");
    let path_to = areas
        .get(province)
        .and_then(|a| a.counties.last())
        .map(|(_, n)| format!("area/{n}"))
        .unwrap_or_default();
    Ok(Generated {
        nodes: snap.node_count()?,
        edges: snap.edge_count()?,
        tasks: snap.count(NodeKind::Task)?,
        organizations: snap.count(NodeKind::Organization)?,
        areas: snap.count(NodeKind::Area)?,
        transactions,
        elapsed: started.elapsed(),
        landmarks: Landmarks {
            busy_org,
            path_from,
            path_to,
        },
    })
}

fn unique_place(rng: &mut XorShift64, chars: &[char], used: &mut HashSet<String>) -> String {
    loop {
        let a = rng.pick(chars).copied().unwrap_or('安');
        let b = rng.pick(chars).copied().unwrap_or('宁');
        if a == b {
            continue;
        }
        let name: String = [a, b].iter().collect();
        if used.insert(name.clone()) {
            return name;
        }
    }
}

fn add_target(
    tx: &mut reformgraph::WriteTx<'_>,
    owner: NodeId,
    key: &NodeKey,
    (indicator, name, unit): (NodeId, &str, &Unit),
    rng: &mut XorShift64,
    deadline: Date,
) -> reformgraph::Result<()> {
    let value = (rng.range(5, 95) as f64) + rng.below(10) as f64 / 10.0;
    let target = tx.insert(
        key.clone(),
        Target {
            comparator: Comparator::AtLeast,
            value: Some(value),
            value_max: None,
            unit: unit.clone(),
            base_year: None,
            deadline: Some(deadline),
            annual: false,
            reference: None,
            wording: format!("到2015年，{name}达到{value}{}以上", unit.symbol()),
        },
        None,
    )?;
    tx.add_edge(Edge::new(owner, EdgeKind::HasTarget, target))?;
    tx.add_edge(Edge::new(target, EdgeKind::MeasuredBy, indicator))?;
    Ok(())
}

/// Distinct picks from `items` by `choose`, at most `n` (gives up after a few tries).
fn distinct(n: usize, mut choose: impl FnMut() -> usize, exclude: &BTreeSet<usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < n * 8 {
        tries += 1;
        let i = choose();
        if !exclude.contains(&i) && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn write_task(
    tx: &mut reformgraph::WriteTx<'_>,
    rng: &mut XorShift64,
    corpus: &Corpus,
    (full, short): (&str, &str),
    orgs: &ProvinceOrgs,
    areas: &ProvinceAreas,
    (key, role, number, deadline): (NodeKey, TaskRole, u32, Date),
) -> reformgraph::Result<NodeId> {
    let title = rng
        .pick(&corpus.titles)
        .map(|s| localize(s, full, short))
        .unwrap_or_else(|| "深化改革".to_owned());
    let mut body = format!("{title}。");
    for _ in 0..rng.range(2, 4) {
        if let Some(s) = rng.pick(&corpus.sentences) {
            body.push_str(&localize(s, full, short));
        }
    }

    // Areas the task mentions: cities and counties of its province, named in the text.
    let places: Vec<(NodeId, &str)> = areas
        .cities
        .iter()
        .chain(&areas.counties)
        .map(|(id, n)| (*id, n.as_str()))
        .collect();
    let mentioned = distinct(
        rng.range(2, 7),
        || rng.below(places.len()),
        &BTreeSet::new(),
    );
    let names: Vec<&str> = mentioned
        .iter()
        .filter_map(|&i| places.get(i).map(|p| p.1))
        .collect();
    if let Some((last, first)) = names.split_last() {
        if first.is_empty() {
            body.push_str(&format!("在{last}率先开展试点，及时总结推广。"));
        } else {
            body.push_str(&format!(
                "在{}和{last}开展试点，形成可复制可推广的经验。",
                first.join("、")
            ));
        }
    }
    let enterprise = if rng.below(100) < 50 {
        rng.pick(&orgs.enterprises)
    } else {
        None
    };
    if let Some((_, e)) = enterprise {
        body.push_str(&format!("支持{e}参与改革。"));
    }

    // Leads: 1–3, skewed towards the big departments; sometimes a city government.
    let n_leads = match rng.below(100) {
        0..=39 => 1,
        40..=74 => 2,
        _ => 3,
    };
    let deps = orgs.departments.len();
    let mut lead_ids: Vec<(NodeId, &str)> =
        distinct(n_leads, || rng.skewed(deps, 2.2), &BTreeSet::new())
            .into_iter()
            .filter_map(|i| orgs.departments.get(i).map(|(id, n)| (*id, n.as_str())))
            .collect();
    if rng.below(100) < 10
        && let Some((id, n)) = rng.pick(&orgs.governments)
    {
        lead_ids.push((*id, n.as_str()));
    }
    let lead_idx: BTreeSet<usize> = orgs
        .departments
        .iter()
        .enumerate()
        .filter(|(_, d)| lead_ids.iter().any(|l| l.0 == d.0))
        .map(|(i, _)| i)
        .collect();
    let coop: Vec<(NodeId, &str)> = distinct(rng.range(0, 4), || rng.below(deps), &lead_idx)
        .into_iter()
        .filter_map(|i| orgs.departments.get(i).map(|(id, n)| (*id, n.as_str())))
        .collect();
    let mut responsibility = format!(
        "牵头部门：{}",
        lead_ids.iter().map(|l| l.1).collect::<Vec<_>>().join("、")
    );
    if !coop.is_empty() {
        responsibility.push_str(&format!(
            "；配合单位：{}",
            coop.iter().map(|l| l.1).collect::<Vec<_>>().join("、")
        ));
    }

    let task = tx.insert(
        key,
        Task {
            role,
            number: number.to_string(),
            ordinal: number,
            title,
            body,
            responsibility: Some(responsibility),
            deadline: Some(deadline),
            ..Default::default()
        },
        None,
    )?;
    for (rank, (org, _)) in lead_ids.iter().enumerate() {
        tx.add_edge(Edge::new(
            *org,
            EdgeKind::Leads {
                rank: rank as u16 + 1,
            },
            task,
        ))?;
    }
    for (org, _) in &coop {
        tx.add_edge(Edge::new(*org, EdgeKind::Cooperates, task))?;
    }
    for &i in &mentioned {
        if let Some((area, _)) = places.get(i) {
            tx.add_edge(Edge::new(task, EdgeKind::Mentions, *area))?;
        }
    }
    if let Some((e, _)) = enterprise {
        tx.add_edge(Edge::new(task, EdgeKind::Mentions, *e))?;
    }
    Ok(task)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reformgraph::{Direction, EdgeLabel};

    #[test]
    fn a_small_data_set_is_consistent_and_deterministic() -> Result<()> {
        let config = Config::small();
        let a = Store::in_memory()?;
        let ga = generate(&a, &config)?;
        let b = Store::in_memory()?;
        let gb = generate(&b, &config)?;
        assert_eq!((ga.nodes, ga.edges), (gb.nodes, gb.edges));
        assert_eq!(ga.tasks as usize, config.task_count());
        assert!(a.verify()?.is_empty());
        let snap = a.read()?;
        let org = snap.id_of(&ga.landmarks.busy_org)?.ok_or("busy org")?;
        assert!(
            !snap
                .edges(org, Some(EdgeLabel::Leads), Direction::Outgoing)?
                .is_empty()
        );
        assert!(snap.id_of(&ga.landmarks.path_from)?.is_some());
        assert!(snap.id_of(&ga.landmarks.path_to)?.is_some());
        Ok(())
    }
}
