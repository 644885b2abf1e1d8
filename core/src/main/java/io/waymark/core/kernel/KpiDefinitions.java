package io.waymark.core.kernel;

/** The one-sentence definitions users see beside each KPI; {@link KpiKernel} documents the exact rules and sources. */
final class KpiDefinitions {
    static final String VISITORS = "People who viewed a page or screen or did a tracked action in the period (e-mails sent to them, "
            + "identify, group and alias calls do not count).";
    static final String PURCHASERS = "People who placed at least one order in the period.";
    static final String CONVERSION = "Share of the period's visitors who placed at least one order in it.";
    static final String ORDERS = "Number of purchases in the period.";
    static final String REVENUE = "Sum of the revenue of the period's purchases, before returns.";
    static final String RETURNS = "Amount refunded by the period's returns.";
    static final String NET_REVENUE = "Revenue minus returns.";
    static final String AOV = "Average revenue per order: revenue divided by orders.";
    static final String FREQUENCY = "Average number of orders per purchaser in the period.";
    static final String REPEAT = "Share of the period's purchasers who have ordered more than once (before or during the period).";
    static final String NEW_CUSTOMERS = "People whose first ever order falls in the period.";
    static final String RETENTION = "Share of the customers active at the start (an order in the %d days before it) "
            + "still active at the end (an order in the %1$d days before it); 1 minus the churn rate.";
    static final String CHURN = "Share of the customers active at the start (an order in the %d days before it) "
            + "with no order in the %1$d days before the end.";
    static final String SPEND = "Imported marketing spend of the period.";
    static final String CAC = "Customer acquisition cost: marketing spend divided by new customers.";
    static final String ROAS = "Return on ad spend: revenue divided by marketing spend.";
    static final String NPS = "Net Promoter Score: % of 9-10 answers minus % of 0-6 answers to the 0-10 recommendation question.";
    static final String CSAT = "Customer satisfaction: share of 4 and 5 answers on the 1-5 satisfaction survey.";
    static final String SESSION_DURATION = "Average time from the first to the last interaction of a visit, in seconds.";
    static final String PAGES_PER_SESSION = "Average number of pages or screens viewed per visit.";
    static final String BOUNCE_RATE = "Share of visits with a single page view and no other interaction.";

    private KpiDefinitions() {
    }
}
