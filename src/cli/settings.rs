//! `zicha settings show | set KEY VALUE`.

use std::path::PathBuf;

use clap::Subcommand;

use super::output::Out;

use crate::domain::SettingKey;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// 显示全部设置
    Show {
        /// 把结果写入此文件（UTF-8，与屏幕上显示的相同），而不是显示出来
        #[arg(long, value_name = "文件")]
        output: Option<PathBuf>,
    },
    /// 修改一项设置，如：settings set 核查基准日 2024-07-10
    Set {
        /// 单位名称 / 单位别名 / 单位主要负责人 / 填表人 / 联系电话 / 核查基准日 / 核查月数 / 到期提醒天数
        #[arg(value_name = "项目")]
        key: String,
        /// 新的值
        #[arg(value_name = "值", allow_hyphen_values = true)]
        value: String,
    },
}

pub fn run(store: &mut Store, action: &SettingsAction) -> Result<()> {
    match action {
        SettingsAction::Show { output } => {
            let s = store.settings()?;
            let mut out = Out::default();
            for k in SettingKey::ALL {
                let mut v = s.get(k);
                if v.is_empty() {
                    v = match k {
                        SettingKey::ReferenceDate => {
                            format!("（未设置，按今天 {}）", super::today())
                        }
                        _ => "（未设置）".to_string(),
                    };
                }
                out.line(format!("{}：{}", k.label(), v));
            }
            out.emit(output.as_ref())
        }
        SettingsAction::Set { key, value } => {
            let k = SettingKey::find(key)?;
            store.set_setting(k, value)?;
            println!("已设置 {}：{}", k.label(), store.settings()?.get(k));
            Ok(())
        }
    }
}
