/**
 * Deterministic demo data: {@link io.waymark.core.demo.DemoGenerator} simulates the customers of
 * a European online shop with physical stores and emits their journeys as Segment-spec messages;
 * {@link io.waymark.core.demo.DemoGenerator#spend()} gives the daily spend of its campaigns.
 *
 * <p>Conventions a consumer should know:
 * <ul>
 *   <li>Every person's first message is an anonymous {@code identify} whose only trait is
 *       {@code plantedPersona} (bargain_hunter, loyal_regular, window_shopper, gift_buyer,
 *       b2b_bulk); the sign-up {@code identify} repeats it. No other field reveals the persona.</li>
 *   <li>Every message of a campaign visit carries the same {@code context.campaign}; direct,
 *       organic and referral visits carry none (only a referrer).</li>
 *   <li>Back-office touchpoints set {@code context.channel}: store (POS purchases with
 *       {@code storeId}), support, survey, email, and other (delivery, return, alias).</li>
 *   <li>A {@code return} has a negative {@code revenue} (the refund), so summing revenue nets it out.</li>
 *   <li>Planted pain point: on {@code context.device.type = mobile} the {@code checkout_shipping}
 *       step loads for seconds ({@code properties.loadTimeMs}) and about 45% continue to
 *       {@code checkout_payment}, against about 80% elsewhere.</li>
 *   <li>Survey answers ({@code survey_response}: nps 0-10 or csat 1-5, with a comment) drop after
 *       slow mobile checkouts, late deliveries, returns and support tickets, and say why.</li>
 *   <li>People who never sign up use a single device; the others stitch their devices by logging
 *       in. A few accounts migrate to a new user id through {@code alias}.</li>
 * </ul>
 */
package io.waymark.core.demo;
