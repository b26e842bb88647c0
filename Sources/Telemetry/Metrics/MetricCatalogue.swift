/// Help texts of the metric families that dashboards and alerts rely on (docs/TELEMETRY.md lists them all).
public enum MetricCatalogue {
    /// Help text by exposition name.
    public static let help: [String: String] = [
        "http_server_request_duration_seconds": "Duration of HTTP server requests, by route, method and status.",
        "http_server_active_requests": "HTTP server requests in flight, by method.",
        "hb_requests_total": "HTTP requests served, by route, method and status.",
        "hb_request_errors_total": "HTTP requests that ended in an error, by route, method and status.",
        "telemetry_spans_exported_total": "Spans accepted by the trace exporter's endpoint.",
        "telemetry_spans_dropped_total": "Spans that were never exported, by reason.",
        "telemetry_export_failures_total": "Trace export requests that failed, by reason.",
        "telemetry_series_dropped_total": "Metric series refused by a family's series limit or a kind conflict.",
        "emporium_orders_placed_total": "Orders placed at checkout.",
        "emporium_checkout_duration_seconds": "Duration of checkout, from request to committed order.",
        "emporium_order_value": "Order totals in minor currency units.",
        "emporium_payments_total": "Payment attempts, by outcome.",
        "emporium_stock_conflicts_total": "Checkouts refused because stock ran short.",
        "emporium_promo_redemptions_total": "Orders placed with a promo code, by code.",
        "emporium_db_calls_in_flight": "Database calls (queries and transactions) running now, by system.",
        "emporium_cart_operations_total": "Cart operations, by operation.",
        "emporium_cache_requests_total": "Cache lookups, by cache and result.",
        "emporium_outbox_pending": "Domain events waiting in the outbox.",
        "emporium_outbox_oldest_age_seconds": "Age of the oldest undelivered outbox event.",
        "emporium_db_query_duration_seconds": "Duration of database queries, by operation.",
        "emporium_payment_gateway_duration_seconds": "Duration of payment provider calls, by operation and result.",
        "emporium_readiness_check_up": "Whether a readiness check passed (1) or failed (0) in its last round.",
    ]

    /// Buckets of the families whose values are not durations, by exposition name.
    public static let buckets: [String: [Double]] = [
        // Order totals in cents: $10 to $5,000.
        "emporium_order_value": [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000]
    ]
}
