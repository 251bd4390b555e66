package io.strata.server.wire;

import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.Value;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.InvalidResourcesException;
import io.strata.core.resources.Range;
import io.strata.core.resources.Ranges;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.core.resources.Scalar;
import io.strata.core.resources.Text;
import io.strata.core.resources.ValueSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts resources and attributes between the Mesos protobuf-JSON records and core's domain values.
 *
 * <p>Input from clients is validated here: a resource without a name, without a value of its declared type,
 * or with a negative or non-finite scalar raises {@link InvalidResourcesException} naming the resource.
 */
public final class ResourceWire {
    private ResourceWire() {
    }

    /** Wire resources to domain resources; {@code field} prefixes error messages (e.g. "task_infos[0].resources"). */
    public static Resources toDomain(List<io.strata.api.mesos.Resource> wire, String field) {
        if (wire == null) {
            return Resources.EMPTY;
        }
        List<Resource> out = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            out.add(toDomain(wire.get(i), field + "[" + i + "]"));
        }
        return Resources.of(out);
    }

    private static Resource toDomain(io.strata.api.mesos.Resource r, String field) {
        if (r == null || r.name() == null || r.name().isBlank()) {
            throw new InvalidResourcesException(field + ".name", "is missing");
        }
        String where = field + " '" + r.name() + "'";
        String role = r.role() == null ? Resource.UNRESERVED : r.role();
        Value.Type type = r.type() != null ? r.type() : guessType(r);
        if (type == null) {
            throw new InvalidResourcesException(where, "has no type and no value");
        }
        io.strata.core.resources.Value value = switch (type) {
            case SCALAR -> {
                if (r.scalar() == null) {
                    throw new InvalidResourcesException(where, "type SCALAR needs a 'scalar' value");
                }
                double v = r.scalar().value();
                if (!Double.isFinite(v)) {
                    throw new InvalidResourcesException(where, "scalar value " + v + " is not finite");
                }
                if (v < 0) {
                    throw new InvalidResourcesException(where, "scalar value " + v + " is negative");
                }
                yield Scalar.of(v);
            }
            case RANGES -> {
                if (r.ranges() == null || r.ranges().range() == null) {
                    throw new InvalidResourcesException(where, "type RANGES needs a 'ranges' value");
                }
                List<Range> ranges = new ArrayList<>();
                for (Value.Range range : r.ranges().range()) {
                    if (range == null || range.begin() < 0 || range.end() < range.begin()) {
                        throw new InvalidResourcesException(where, "range " + range + " is invalid");
                    }
                    ranges.add(new Range(range.begin(), range.end()));
                }
                yield new Ranges(ranges);
            }
            case SET -> {
                if (r.set() == null || r.set().item() == null) {
                    throw new InvalidResourcesException(where, "type SET needs a 'set' value");
                }
                yield ValueSet.of(r.set().item());
            }
            case TEXT -> throw new InvalidResourcesException(where, "type TEXT is not a resource type");
        };
        try {
            return new Resource(r.name(), role, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidResourcesException(where, e.getMessage());
        }
    }

    private static Value.Type guessType(io.strata.api.mesos.Resource r) {
        if (r.scalar() != null) {
            return Value.Type.SCALAR;
        }
        if (r.ranges() != null) {
            return Value.Type.RANGES;
        }
        if (r.set() != null) {
            return Value.Type.SET;
        }
        return null;
    }

    /** Domain resources to wire resources. */
    public static List<io.strata.api.mesos.Resource> toWire(Resources resources) {
        List<io.strata.api.mesos.Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            out.add(toWire(r));
        }
        return out;
    }

    private static io.strata.api.mesos.Resource toWire(Resource r) {
        return switch (r.value()) {
            case Scalar s -> new io.strata.api.mesos.Resource(r.name(), Value.Type.SCALAR,
                    new Value.Scalar(s.asDouble()), null, null, r.role(), null);
            case Ranges rs -> new io.strata.api.mesos.Resource(r.name(), Value.Type.RANGES, null,
                    new Value.Ranges(rs.ranges().stream().map(x -> new Value.Range(x.begin(), x.end())).toList()),
                    null, r.role(), null);
            case ValueSet set -> new io.strata.api.mesos.Resource(r.name(), Value.Type.SET, null, null,
                    new Value.Set(List.copyOf(set.items())), r.role(), null);
            case Text t -> throw new IllegalArgumentException("resource " + r.name() + " has a text value");
        };
    }

    /** Domain attributes to wire attributes. */
    public static List<Attribute> toWire(Attributes attributes) {
        List<Attribute> out = new ArrayList<>();
        for (io.strata.core.resources.Attribute a : attributes) {
            out.add(switch (a.value()) {
                case Scalar s -> new Attribute(a.name(), Value.Type.SCALAR, new Value.Scalar(s.asDouble()), null,
                        null, null);
                case Ranges rs -> new Attribute(a.name(), Value.Type.RANGES, null, new Value.Ranges(
                        rs.ranges().stream().map(x -> new Value.Range(x.begin(), x.end())).toList()), null, null);
                case ValueSet set -> new Attribute(a.name(), Value.Type.SET, null, null,
                        new Value.Set(List.copyOf(set.items())), null);
                case Text t -> new Attribute(a.name(), Value.Type.TEXT, null, null, null, new Value.Text(t.value()));
            });
        }
        return out;
    }

    /** Wire attributes to domain attributes. */
    public static Attributes attributesToDomain(List<Attribute> wire) {
        if (wire == null) {
            return Attributes.EMPTY;
        }
        List<io.strata.core.resources.Attribute> out = new ArrayList<>();
        for (Attribute a : wire) {
            io.strata.core.resources.Value v;
            if (a.text() != null) {
                v = new Text(a.text().value());
            } else if (a.scalar() != null) {
                v = Scalar.of(a.scalar().value());
            } else if (a.ranges() != null) {
                v = new Ranges(a.ranges().range().stream().map(x -> new Range(x.begin(), x.end())).toList());
            } else if (a.set() != null) {
                v = ValueSet.of(a.set().item());
            } else {
                throw new InvalidResourcesException("attribute '" + a.name() + "'", "has no value");
            }
            out.add(new io.strata.core.resources.Attribute(a.name(), v));
        }
        return Attributes.of(out);
    }

    /** The flat attribute map of the state JSON: text as string, scalar as number, ranges/sets as strings. */
    public static Map<String, Object> flatAttributes(Attributes attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (io.strata.core.resources.Attribute a : attributes) {
            out.put(a.name(), a.value() instanceof Scalar s ? (Object) s.asDouble() : a.valueText());
        }
        return out;
    }
}
