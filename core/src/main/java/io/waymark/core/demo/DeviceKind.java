package io.waymark.core.demo;

/** A device a person uses; the app runs on phones, so its {@code context.device.type} is mobile. */
enum DeviceKind {
    DESKTOP("desktop", false),
    MOBILE_WEB("mobile", false),
    TABLET("tablet", false),
    APP("mobile", true);

    final String type;
    final boolean app;

    DeviceKind(String type, boolean app) {
        this.type = type;
        this.app = app;
    }

    boolean mobile() {
        return type.equals("mobile");
    }
}
