package io.waymark.core.demo;

/**
 * Where a visit comes from. Campaign sources carry UTM parameters (their medium maps to the ads,
 * social or email channel); direct, organic search and referral visits carry none and only differ
 * in the referrer. The cost figures drive {@link SpendPlanner}: a cost per acquired person for
 * first visits and a cost per returning visit.
 */
enum Source {
    DIRECT(null, null, 0, 0),
    ORGANIC(null, "https://www.google.com/", 0, 0),
    REFERRAL(null, "https://www.trustedreviews.example/best-online-shops", 0, 0),
    GOOGLE_BRAND(new Campaign("google", "cpc", "search_brand", "ads"), "https://www.google.com/", 6.0, 0.6),
    GOOGLE_GENERIC(new Campaign("google", "cpc", "search_generic", "ads"), "https://www.google.com/", 22.0, 0.9),
    META_PROSPECTING(new Campaign("meta", "display", "lookalike_prospecting", "ads"), "https://www.facebook.com/", 18.0, 0),
    META_RETARGETING(new Campaign("meta", "display", "dynamic_retargeting", "ads"), "https://www.facebook.com/", 0, 0.5),
    INSTAGRAM(new Campaign("instagram", "social", "creator_collab", "social"), "https://l.instagram.com/", 16.0, 0.7),
    TIKTOK(new Campaign("tiktok", "social", "viral_deals", "social"), "https://www.tiktok.com/", 11.0, 0.5),
    NEWSLETTER(new Campaign("newsletter", "email", "weekly_newsletter", "email"), null, 0, 0),
    /** A click in the cart-abandonment journey's e-mails ({@link DemoJourney}). */
    CART_REMINDER(new Campaign("waymark", "email", "cart_abandonment", "email"), null, 0, 0);

    /**
     * Sources of returning visits, in declaration order. Newsletter and cart-reminder visits only start
     * from an email click, so their weight here is zero (the reminder's is left out).
     */
    static final double[] RETURN_WEIGHTS = {0.42, 0.20, 0.04, 0.12, 0.04, 0.0, 0.10, 0.04, 0.04, 0.0};

    final Campaign campaign;
    final String referrer;
    final double costPerAcquisition;
    final double costPerReturnVisit;

    Source(Campaign campaign, String referrer, double costPerAcquisition, double costPerReturnVisit) {
        this.campaign = campaign;
        this.referrer = referrer;
        this.costPerAcquisition = costPerAcquisition;
        this.costPerReturnVisit = costPerReturnVisit;
    }
}
