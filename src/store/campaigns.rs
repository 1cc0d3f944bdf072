//! 核查批次 (issue 15): a new campaign (next year's 核查基准日) starts from the
//! same roster facts; the decisions made in the one that ends (人工认定, 疑点确认,
//! hand-written 说明) stay with it in `campaign_decisions` and do not carry over.
//! Earlier submissions keep their own snapshot and bytes. One transaction, in
//! the 修改记录.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::audit::{self, AuditEntry, actor};
use super::{Store, codec, settings};
use crate::domain::SettingKey;
use crate::error::{Error, Result};

/// How the 修改记录 and the screens name a campaign.
pub fn campaign_name(id: i64) -> String {
    format!("第{id}批")
}

/// The current campaign: the newest started, 1 before any.
pub fn current(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(id), 1) FROM campaigns", [], |r| {
            r.get(0)
        })?,
    )
}

/// What starting a campaign did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignStarted {
    pub id: i64,
    /// 人工认定, 疑点确认 and hand-written 说明 left with the campaign that ended.
    pub manual: usize,
    pub confirmations: usize,
    pub remarks: usize,
}

impl CampaignStarted {
    /// One sentence for the clerk.
    pub fn line(&self) -> String {
        format!(
            "已开始{}：人工认定 {} 条、疑点确认 {} 条、手写说明 {} 条留在{}，不带入新批次",
            campaign_name(self.id),
            self.manual,
            self.confirmations,
            self.remarks,
            campaign_name(self.id - 1)
        )
    }
}

fn archive(conn: &Connection, campaign: i64) -> Result<(usize, usize, usize)> {
    let manual = conn.execute(
        "INSERT INTO campaign_decisions (campaign, person_id, kind, item, value, note, who, at)
         SELECT ?1, person_id, 'manual', kind, value, note, who, at FROM manual_verdicts",
        [campaign],
    )?;
    let confirmations = conn.execute(
        "INSERT INTO campaign_decisions (campaign, person_id, kind, item, value, note, who, at)
         SELECT ?1, person_id, 'confirmation', code, NULL, note, who, at FROM flag_confirmations",
        [campaign],
    )?;
    let remarks = conn.execute(
        "INSERT INTO campaign_decisions (campaign, person_id, kind, item, value, note, who, at)
         SELECT ?1, id, 'remark', '说明', remark_override, NULL, NULL, updated_at
         FROM persons WHERE remark_override IS NOT NULL",
        [campaign],
    )?;
    conn.execute("DELETE FROM manual_verdicts", [])?;
    conn.execute("DELETE FROM flag_confirmations", [])?;
    conn.execute(
        "UPDATE persons SET remark_override = NULL WHERE remark_override IS NOT NULL",
        [],
    )?;
    Ok((manual, confirmations, remarks))
}

impl Store {
    /// The current 核查批次.
    pub fn campaign(&self) -> Result<i64> {
        current(self.conn())
    }

    /// 新建核查批次: the next campaign with 核查基准日 `date`, which must be after
    /// the current one's. The roster facts stay; the decisions stay behind.
    pub fn start_campaign(&mut self, date: NaiveDate) -> Result<CampaignStarted> {
        let old = self.settings()?;
        if let Some(r) = old.reference_date
            && date <= r
        {
            return Err(Error::invalid(
                "核查基准日",
                format!("新批次的核查基准日应晚于当前的 {r}（例如下一年的同一天），现为 {date}"),
            ));
        }
        let who = actor(&old.filler);
        self.write(|tx| {
            let ending = current(tx)?;
            let id = ending + 1;
            let (manual, confirmations, remarks) = archive(tx, ending)?;
            tx.execute(
                "INSERT INTO campaigns (id, reference_date, started_at, who) VALUES (?1, ?2, ?3, ?4)",
                params![id, date.to_string(), codec::timestamp(codec::now()), who],
            )?;
            let started = CampaignStarted {
                id,
                manual,
                confirmations,
                remarks,
            };
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who: who.clone(),
                    action: "新建核查批次".into(),
                    entity: "核查批次".into(),
                    person_id: None,
                    record: campaign_name(id),
                    field: "核查批次".into(),
                    old_value: Some(campaign_name(ending)),
                    new_value: Some(format!("{}（核查基准日 {date}）", campaign_name(id))),
                    note: Some(started.line()),
                },
            )?;
            let mut new = old.clone();
            new.set(SettingKey::ReferenceDate, &date.to_string())?;
            settings::save(tx, &new, Some("新建核查批次"))?;
            Ok(started)
        })
    }
}
