import CoreMetrics
import EmporiumCore

/// The shop's counters for every label value they take, created at 0 when the application is built: a family
/// that has not counted yet (no stock conflict so far) is exposed all the same, so dashboards show 0 instead of
/// "no data" and a rate over it is 0 rather than empty.
enum ShopCounters {
    static func startAtZero() {
        _ = Counter(label: CheckoutMetrics.ordersPlacedLabel)
        _ = Counter(label: CheckoutMetrics.stockConflictsLabel)
        for outcome in PaymentService.outcomes {
            _ = Counter(label: PaymentService.outcomeLabel, dimensions: [("outcome", outcome)])
        }
        for operation in CartController.operations {
            _ = Counter(label: CartController.operationsLabel, dimensions: [("op", operation)])
        }
    }
}
