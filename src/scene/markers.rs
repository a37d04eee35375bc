//! Deposit marker shapes: the shape tells the status, so colour (the
//! commodity) is never the only cue.

use crate::data::DepositStatus;

/// Path data for a marker of radius `r` centred on (`x`, `y`).
pub fn marker_path(status: DepositStatus, x: f64, y: f64, r: f64) -> String {
    match status {
        // Circle.
        DepositStatus::Operating => format!(
            "M{:.1},{:.1}a{r:.1},{r:.1} 0 1,0 {:.1},0a{r:.1},{r:.1} 0 1,0 {:.1},0Z",
            x - r,
            y,
            2.0 * r,
            -2.0 * r
        ),
        // Diamond.
        DepositStatus::Development => {
            let s = r * 1.25;
            format!("M{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z", x, y - s, x + s, y, x, y + s, x - s, y)
        }
        // Triangle, pointing up.
        DepositStatus::Exploration => {
            let s = r * 1.3;
            format!(
                "M{:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z",
                x,
                y - s,
                x + s * 0.94,
                y + s * 0.7,
                x - s * 0.94,
                y + s * 0.7
            )
        }
        // Square.
        DepositStatus::PastProducer => {
            let s = r * 0.9;
            format!("M{:.1},{:.1}h{:.1}v{:.1}h{:.1}Z", x - s, y - s, 2.0 * s, 2.0 * s, -2.0 * s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_own_shape() {
        let mut shapes: Vec<String> = DepositStatus::ALL
            .iter()
            .map(|s| marker_path(*s, 0.0, 0.0, 5.0).chars().filter(|c| c.is_alphabetic()).collect())
            .collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), DepositStatus::ALL.len());
    }
}
