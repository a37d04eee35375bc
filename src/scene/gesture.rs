//! The pan/zoom gesture as a pure reducer: pointer events in, what the map
//! should do out. The live map (`ui::map::gesture`) only feeds it DOM
//! events and applies the result; everything here is tested natively.
//! (It sits in the core because `ui/` compiles only to wasm.)

use crate::decimal::fixed;
use crate::spatial::View;

/// A press that moves less than this (|dx| + |dy|, pixels) is a click.
pub const CLICK_SLOP: f64 = 4.0;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gesture {
    /// Pointers down: (id, position).
    pointers: Vec<(i32, [f64; 2])>,
    /// Their positions when the current gesture (re)started.
    start: Vec<[f64; 2]>,
    start_view: Option<View>,
    moved: bool,
}

/// What a pointer event asks the map to do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Nothing (e.g. a press that has not moved far enough yet).
    Idle,
    /// No button down: ask what is under the pointer.
    Hover([f64; 2]),
    /// Show this live view (a CSS transform; nothing is redrawn).
    Live(View),
    /// The last pointer lifted after moving: redraw at the live view.
    Commit,
    /// A press and release without moving: a click at this point.
    Click([f64; 2]),
}

impl Gesture {
    pub fn active(&self) -> bool {
        !self.pointers.is_empty()
    }

    /// A pointer went down at `p` while the map showed `live`.
    pub fn down(&mut self, id: i32, p: [f64; 2], live: View) {
        self.pointers.retain(|(i, _)| *i != id);
        self.pointers.push((id, p));
        self.start = self.pointers.iter().map(|x| x.1).collect();
        self.start_view = Some(live);
        if self.pointers.len() == 1 {
            self.moved = false;
        }
    }

    /// A pointer moved to `p`; `base` is the fitted view (zoom limits).
    pub fn moved(&mut self, id: i32, p: [f64; 2], base: &View) -> Step {
        let Some(start_view) = self.start_view.filter(|_| self.active()) else {
            return Step::Hover(p);
        };
        if let Some(x) = self.pointers.iter_mut().find(|x| x.0 == id) {
            x.1 = p;
        }
        if self.pointers.len() >= 2 && self.start.len() >= 2 {
            let (a0, b0, a1, b1) = (self.start[0], self.start[1], self.pointers[0].1, self.pointers[1].1);
            let d0 = ((a0[0] - b0[0]).powi(2) + (a0[1] - b0[1]).powi(2)).sqrt().max(1.0);
            let d1 = ((a1[0] - b1[0]).powi(2) + (a1[1] - b1[1]).powi(2)).sqrt();
            let m0 = [(a0[0] + b0[0]) / 2.0, (a0[1] + b0[1]) / 2.0];
            let m1 = [(a1[0] + b1[0]) / 2.0, (a1[1] + b1[1]) / 2.0];
            self.moved = true;
            return Step::Live(start_view.zoom_at(base, d1 / d0, m0).pan(m1[0] - m0[0], m1[1] - m0[1]));
        }
        let Some(s) = self.start.first().copied() else { return Step::Idle };
        let (dx, dy) = (p[0] - s[0], p[1] - s[1]);
        if self.moved || dx.abs() + dy.abs() > CLICK_SLOP {
            self.moved = true;
            Step::Live(start_view.pan(dx, dy))
        } else {
            Step::Idle
        }
    }

    /// A pointer lifted (or was cancelled) at `p`; `live` is the view shown now.
    pub fn up(&mut self, id: i32, p: [f64; 2], live: View) -> Step {
        let was_click = !self.moved && self.pointers.len() == 1 && self.pointers[0].0 == id;
        let known = self.pointers.iter().any(|x| x.0 == id);
        self.pointers.retain(|(i, _)| *i != id);
        self.start = self.pointers.iter().map(|x| x.1).collect();
        self.start_view = self.active().then_some(live);
        if was_click {
            Step::Click(p)
        } else if known && !self.active() {
            Step::Commit
        } else {
            Step::Idle
        }
    }
}

/// The camera in one value: the map's size, the view the layers were drawn
/// with, and the view on screen. They differ only during a gesture, when
/// the layer container carries the CSS transform `live.relative_to(drawn)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub size: (f64, f64),
    pub drawn: View,
    pub live: View,
}

impl Default for Camera {
    fn default() -> Self {
        let unit = View { k: 1.0, tx: 0.0, ty: 0.0 };
        Camera { size: (0.0, 0.0), drawn: unit, live: unit }
    }
}

impl Camera {
    /// Show `v` and draw at it.
    pub fn set(&mut self, v: View) {
        self.drawn = v;
        self.live = v;
    }

    /// Redraw at the live view (a gesture ended).
    pub fn commit(&mut self) {
        self.drawn = self.live;
    }

    /// The CSS transform that carries the drawn layers to the live view.
    pub fn css_transform(&self) -> String {
        let (s, dx, dy) = self.live.relative_to(&self.drawn);
        format!("translate({dx}px, {dy}px) scale({s})", dx = fixed(dx, 2), dy = fixed(dy, 2), s = fixed(s, 5))
    }

    /// A point in live-screen pixels, in the drawn frame's pixels (what `Frame::hit` takes).
    pub fn to_drawn(&self, p: [f64; 2]) -> [f64; 2] {
        self.drawn.to_screen(self.live.to_plane(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: View = View { k: 1000.0, tx: 500.0, ty: 400.0 };

    #[test]
    fn a_drag_pans_by_the_pointer_delta_and_commits_on_release() {
        let mut g = Gesture::default();
        g.down(1, [100.0, 100.0], BASE);
        assert_eq!(g.moved(1, [102.0, 101.0], &BASE), Step::Idle, "within the click slop");
        let mut last = Step::Idle;
        for i in 1..=40 {
            last = g.moved(1, [100.0 + 5.0 * i as f64, 100.0 - 2.0 * i as f64], &BASE);
        }
        assert_eq!(last, Step::Live(BASE.pan(200.0, -80.0)));
        assert_eq!(g.up(1, [300.0, 20.0], BASE.pan(200.0, -80.0)), Step::Commit);
        assert!(!g.active());
        // With nothing pressed, moves are hovers.
        assert_eq!(g.moved(1, [5.0, 6.0], &BASE), Step::Hover([5.0, 6.0]));
    }

    #[test]
    fn a_press_without_moving_is_a_click_not_a_commit() {
        let mut g = Gesture::default();
        g.down(7, [50.0, 60.0], BASE);
        assert_eq!(g.moved(7, [51.0, 61.0], &BASE), Step::Idle);
        assert_eq!(g.up(7, [51.0, 61.0], BASE), Step::Click([51.0, 61.0]));
    }

    #[test]
    fn two_fingers_spreading_zoom_about_their_midpoint() {
        let mut g = Gesture::default();
        g.down(1, [400.0, 300.0], BASE);
        g.down(2, [600.0, 300.0], BASE);
        g.moved(1, [300.0, 300.0], &BASE);
        let Step::Live(v) = g.moved(2, [700.0, 300.0], &BASE) else { panic!() };
        assert!((v.k / BASE.k - 2.0).abs() < 1e-9, "twice as far apart: twice the scale");
        // The midpoint stays put.
        let mid = [500.0, 300.0];
        let (a, b) = (BASE.to_plane(mid), v.to_plane(mid));
        assert!((a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12);
        // Lifting one finger keeps the gesture going from the current view; the last one commits.
        assert_eq!(g.up(1, [300.0, 300.0], v), Step::Idle);
        assert!(g.active());
        assert_eq!(g.moved(2, [720.0, 310.0], &BASE), Step::Live(v.pan(20.0, 10.0)));
        assert_eq!(g.up(2, [720.0, 310.0], v.pan(20.0, 10.0)), Step::Commit);
    }

    #[test]
    fn the_css_transform_carries_drawn_pixels_to_where_the_live_view_shows_them() {
        let mut c = Camera { size: (800.0, 600.0), ..Camera::default() };
        c.set(BASE);
        assert_eq!(c.css_transform(), "translate(0.00px, 0.00px) scale(1.00000)");
        c.live = BASE.zoom_at(&BASE, 2.0, [100.0, 50.0]).pan(30.0, -20.0);
        let plane = [0.1, -0.05];
        let drawn_px = c.drawn.to_screen(plane);
        let (s, dx, dy) = c.live.relative_to(&c.drawn);
        let moved = [drawn_px[0] * s + dx, drawn_px[1] * s + dy];
        let want = c.live.to_screen(plane);
        assert!((moved[0] - want[0]).abs() < 1e-9 && (moved[1] - want[1]).abs() < 1e-9);
        // And back: a live pixel maps to the drawn pixel under it.
        let back = c.to_drawn(want);
        assert!((back[0] - drawn_px[0]).abs() < 1e-9 && (back[1] - drawn_px[1]).abs() < 1e-9);
        c.commit();
        assert_eq!(c.drawn, c.live);
    }

    #[test]
    fn a_release_of_an_unknown_pointer_does_nothing() {
        let mut g = Gesture::default();
        assert_eq!(g.up(3, [0.0, 0.0], BASE), Step::Idle);
    }
}
