package io.strata.services.model;

/** Marathon's role names versus Strata's: {@code slave_public} is the {@code public} role. */
public final class AppRoles {
    /** Marathon's name of the public agents' role. */
    public static final String SLAVE_PUBLIC = "slave_public";
    /** Strata's name of it. */
    public static final String PUBLIC = "public";

    private AppRoles() {
    }

    /** The Strata role of a Marathon {@code acceptedResourceRoles} entry. */
    public static String toMesosRole(String marathonRole) {
        return SLAVE_PUBLIC.equals(marathonRole) ? PUBLIC : marathonRole;
    }
}
