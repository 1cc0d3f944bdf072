//! Long work (import, export, Annex 1) off the UI thread, with progress, so
//! the window never freezes. A job opens its own connection to the database
//! file; an in-memory store (tests) runs the job inline.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::workbook::{ImportOutcome, ImportPreview};

/// What a finished job hands back to the app.
pub enum Done {
    Previewed(PathBuf, Box<ImportPreview>),
    Imported(Box<ImportOutcome>),
    /// A file was written: the message and the file.
    Wrote(String, PathBuf),
}

type Work = Box<dyn FnOnce(&mut Store, &mut dyn FnMut(f32)) -> Result<Done> + Send>;

pub struct Job {
    pub title: String,
    progress: Arc<Mutex<f32>>,
    handle: Option<JoinHandle<Result<Done>>>,
    inline: Option<Result<Done>>,
}

impl Job {
    /// Starts `work` on the database at `db` (`None`: on `store`, inline).
    pub fn start(
        title: &str,
        ctx: &egui::Context,
        db: Option<PathBuf>,
        store: &mut Store,
        work: Work,
    ) -> Job {
        let progress = Arc::new(Mutex::new(0.0));
        let Some(db) = db else {
            let result = work(store, &mut |_| {});
            return Job {
                title: title.into(),
                progress,
                handle: None,
                inline: Some(result),
            };
        };
        let shared = progress.clone();
        let ctx = ctx.clone();
        let handle = std::thread::spawn(move || {
            let mut report = |f: f32| {
                if let Ok(mut p) = shared.lock() {
                    *p = f;
                }
                ctx.request_repaint();
            };
            let result = Store::open(&db).and_then(|mut s| work(&mut s, &mut report));
            ctx.request_repaint();
            result
        });
        Job {
            title: title.into(),
            progress,
            handle: Some(handle),
            inline: None,
        }
    }

    pub fn progress(&self) -> f32 {
        self.progress.lock().map(|p| *p).unwrap_or(0.0)
    }

    /// The result once the job has finished.
    pub fn try_finish(&mut self) -> Option<Result<Done>> {
        if let Some(r) = self.inline.take() {
            return Some(r);
        }
        if self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            let h = self.handle.take()?;
            return Some(
                h.join()
                    .unwrap_or_else(|_| Err(Error::Other("后台任务意外中止，数据未改变".into()))),
            );
        }
        None
    }
}
