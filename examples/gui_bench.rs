//! Benchmark of the desktop app's 人员台账 with 5,000 persons (not a test):
//! CPU time to build the app (load + check), to draw the first frame, and per
//! frame while the clerk scrolls and searches. Headless (egui_kittest, no GPU),
//! so it measures the app's own work per frame, not the GPU's.
//!
//! Run: `cargo run --release --example gui_bench` (and `/usr/bin/time -v` around it for memory).

use std::time::Instant;

use egui_kittest::Harness;
use zicha::app::{ZichaApp, fonts};
use zicha::domain::idcard;
use zicha::store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n = 5_000;
    let mut store = Store::open_in_memory()?;
    zicha::demo::load_into(&mut store)?;
    let template = zicha::demo::persons();
    let mut persons = Vec::with_capacity(n);
    for i in 0..n - template.len() {
        let mut p = template[i % template.len()].clone();
        p.name = format!("{}{}", p.name, i);
        let body = format!(
            "3705021980{:02}{:02}{:03}",
            1 + i % 12,
            1 + i % 28,
            i % 1000
        );
        let body = &body[..17];
        p.id_number = Some(format!(
            "{body}{}",
            idcard::expected_check_char(body).unwrap_or('0')
        ));
        p.seq = None;
        for c in &mut p.certificates {
            c.number = Some(format!("TS{i:06}"));
        }
        persons.push(p);
    }
    store.write(|tx| {
        for p in &persons {
            zicha::store::persons::insert(tx, p)?;
        }
        Ok(())
    })?;
    let today = chrono::NaiveDate::from_ymd_opt(2024, 7, 10).unwrap_or_default();

    let t = Instant::now();
    let app = ZichaApp::new(store, today)?;
    let build = t.elapsed();

    let t = Instant::now();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ZichaApp| app.show(ui), app);
    h.step();
    let first = t.elapsed();

    // Warm up the font atlas with the glyphs on screen.
    for _ in 0..10 {
        h.step();
    }
    let frames = 300;
    h.event(egui::Event::PointerMoved(egui::pos2(500.0, 400.0)));
    let t = Instant::now();
    for i in 0..frames {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, if (i / 50) % 2 == 0 { -120.0 } else { 120.0 }),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
    }
    let scroll = t.elapsed() / frames;

    let t = Instant::now();
    for _ in 0..frames {
        h.step();
    }
    let idle = t.elapsed() / frames;

    println!("persons: {n}");
    println!(
        "build app (load + check all): {:.1} ms",
        build.as_secs_f64() * 1e3
    );
    println!("first frame: {:.1} ms", first.as_secs_f64() * 1e3);
    println!(
        "frame while scrolling (mean of {frames}): {:.2} ms",
        scroll.as_secs_f64() * 1e3
    );
    println!(
        "frame at rest (mean of {frames}): {:.2} ms",
        idle.as_secs_f64() * 1e3
    );
    Ok(())
}
