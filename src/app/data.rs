//! What the app shows, loaded from the core: the roster, its check report and
//! the search keys. Reloaded after every change; the UI never runs SQL or rules.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::annex2::overview::Overview;
use crate::checks::practice::{MonthStatus, month_statuses};
use crate::checks::{self, CheckContext, RosterReport, RowReport};
use crate::domain::{Person, PersonRecord, Roster};
use crate::error::Result;
use crate::search::SearchKey;
use crate::sources::findings::{self, FindingLine};
use crate::store::attachments::Attachment;
use crate::store::sources::SourceFile;
use crate::store::{ChainReport, Store, Workspace};

pub struct Data {
    pub store: Store,
    pub roster: Roster,
    pub report: RosterReport,
    pub keys: Vec<SearchKey>,
    /// Certificate numbers held by two or more persons, as saved.
    duplicates: BTreeMap<String, Vec<String>>,
    /// Stands for an unset 核查基准日.
    pub today: NaiveDate,
    /// Counts reloads, so screens can keep what they derived until the data changes.
    pub generation: u64,
    /// The 修改记录 hash-chain check, made at open and after a restore (the
    /// program's own writes keep the chain whole).
    pub audit: ChainReport,
    /// The files records were imported from, by the store's key.
    pub sources: HashMap<i64, SourceFile>,
    /// The report ledgers' findings (报告署名疑点).
    pub findings: Vec<FindingLine>,
    /// Which kind of file is open (本单位自查台账 or 辖区汇总（附件2）).
    pub workspace: Workspace,
    /// A 辖区汇总 file's received forms, checks and Annex 2; `None` for a roster.
    pub overview: Option<Overview>,
    /// 附件材料 by person, removed ones included, in the order added.
    pub attachments: HashMap<i64, Vec<Attachment>>,
    /// The current 核查批次 (issue 15).
    pub campaign: i64,
    /// 报送记录, oldest first (issue 15).
    pub submissions: Vec<crate::store::submissions::SubmissionInfo>,
}

impl Data {
    pub fn new(store: Store, today: NaiveDate) -> Result<Self> {
        let roster = store.load_roster()?;
        let report = checks::check_roster(&roster, today);
        let keys = search_keys(&roster);
        let duplicates = checks::duplicate_certificates(&roster.persons);
        let audit = store.verify_audit()?;
        let (sources, findings) = sources_of(&store, &roster)?;
        let workspace = store.workspace()?;
        let overview = overview_of(&store, workspace, today)?;
        let attachments = attachments_of(&store)?;
        let submissions = crate::store::submissions::list(store.conn())?;
        let campaign = store.campaign()?;
        Ok(Data {
            store,
            roster,
            report,
            keys,
            duplicates,
            today,
            generation: 0,
            audit,
            sources,
            findings,
            workspace,
            overview,
            attachments,
            submissions,
            campaign,
        })
    }

    /// Reloads the roster and re-runs the checks.
    pub fn reload(&mut self) -> Result<()> {
        self.roster = self.store.load_roster()?;
        self.report = checks::check_roster(&self.roster, self.today);
        self.keys = search_keys(&self.roster);
        self.duplicates = checks::duplicate_certificates(&self.roster.persons);
        (self.sources, self.findings) = sources_of(&self.store, &self.roster)?;
        self.workspace = self.store.workspace()?;
        self.overview = overview_of(&self.store, self.workspace, self.today)?;
        self.attachments = attachments_of(&self.store)?;
        self.submissions = crate::store::submissions::list(self.store.conn())?;
        self.campaign = self.store.campaign()?;
        self.generation += 1;
        Ok(())
    }

    pub fn ctx(&self) -> CheckContext {
        CheckContext::new(&self.roster.settings, self.today)
    }

    /// The position of a person in the roster.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.roster
            .persons
            .iter()
            .position(|r| r.person.id == Some(id))
    }

    pub fn record(&self, id: i64) -> Option<&PersonRecord> {
        self.index_of(id).map(|i| &self.roster.persons[i])
    }

    pub fn row(&self, id: i64) -> Option<&RowReport> {
        self.index_of(id).map(|i| &self.report.rows[i])
    }

    /// The month strip of a person (possibly edited, not yet saved).
    pub fn months(&self, person: &Person) -> Vec<(crate::domain::YearMonth, MonthStatus)> {
        month_statuses(person, &self.ctx())
    }

    /// Checks a person as edited (for live verdicts while the form is open).
    /// Certificate duplicates are those of the saved roster, so the frame does
    /// not copy the whole roster; they are exact again after saving.
    pub fn check_draft(&self, rec: &PersonRecord) -> checks::PersonCheck {
        checks::check_person(rec, &self.ctx(), &self.duplicates)
    }
}

/// What a 辖区汇总 file holds, as its screens show it (Annex 2 dated today).
fn overview_of(store: &Store, kind: Workspace, today: NaiveDate) -> Result<Option<Overview>> {
    match kind {
        Workspace::Annex2 => Ok(Some(Overview::load(store, today)?)),
        Workspace::Roster => Ok(None),
    }
}

/// Every attachment, by person.
fn attachments_of(store: &Store) -> Result<HashMap<i64, Vec<Attachment>>> {
    let mut by_person: HashMap<i64, Vec<Attachment>> = HashMap::new();
    for a in store.all_attachments()? {
        by_person.entry(a.person_id).or_default().push(a);
    }
    Ok(by_person)
}

/// The source files by key, and the ledgers' findings.
fn sources_of(
    store: &Store,
    roster: &Roster,
) -> Result<(HashMap<i64, SourceFile>, Vec<FindingLine>)> {
    let sources = store.sources()?.into_iter().map(|s| (s.id, s)).collect();
    let findings = findings::collect(&store.ledger_findings()?, roster);
    Ok((sources, findings))
}

impl Data {
    /// Where an imported record came from, in lines for a tooltip; a record
    /// typed by hand says 手工录入.
    pub fn origin_text(&self, origin: Option<&crate::domain::Origin>) -> String {
        let Some(o) = origin else {
            return "手工录入".into();
        };
        let mut lines = vec![format!("来源：{} 第{}行", o.file, o.row)];
        if let Some(s) = self.sources.get(&o.source) {
            lines.push(format!("{}，导入时间 {}", s.kind, s.imported_at));
            let sha: String = s.sha256.chars().take(12).collect();
            lines.push(format!("文件校验码（SHA-256）{sha}…"));
            if !s.who.is_empty() {
                lines.push(format!("导入人：{}", s.who));
            }
        }
        lines.join("\n")
    }
}

fn search_keys(roster: &Roster) -> Vec<SearchKey> {
    roster
        .persons
        .iter()
        .map(|r| SearchKey::new(&r.person.name, r.person.id_number.as_deref()))
        .collect()
}
