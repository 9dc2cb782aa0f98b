using k8s.Models;

namespace Gongkai.DeploymentTests;

/// <summary>
/// Evaluates the namespace's ingress NetworkPolicies as Kubernetes does (a pod selected by no policy admits everything;
/// a selected pod admits what any selecting policy's rule allows) for pods standing in for the platform's, and
/// checks who may reach whom.
/// </summary>
public static class NetworkPolicies
{
    public sealed record Pod(string Description, string Namespace, Dictionary<string, string> Labels);

    public static bool Allows(IReadOnlyList<V1NetworkPolicy> policies, Pod from, Pod to, int port)
    {
        var selecting = policies.Where(p => p.Metadata.NamespaceProperty == to.Namespace
                                            && (p.Spec.PolicyTypes?.Contains("Ingress") ?? true)
                                            && Rules.Selects(p.Spec.PodSelector, to.Labels)).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule =>
            (rule.Ports is not { Count: > 0 } || rule.Ports.Any(x => x.Port?.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            && (rule.FromProperty is not { Count: > 0 } || rule.FromProperty.Any(peer => Matches(peer, from, to.Namespace)))));
    }

    private static bool Matches(V1NetworkPolicyPeer peer, Pod from, string policyNamespace)
    {
        if (peer.IpBlock is not null)
            return from.Namespace == "";  // an address outside the cluster; in-cluster pods are matched by selectors
        var namespaceLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = from.Namespace };
        var namespaceMatches = peer.NamespaceSelector is null ? from.Namespace == policyNamespace : Rules.Selects(peer.NamespaceSelector, namespaceLabels);
        var podMatches = peer.PodSelector is null || Rules.Selects(peer.PodSelector, from.Labels);
        return namespaceMatches && podMatches;
    }

    /// <summary>Only the gateway from outside, through the ingress controller; databases and broker only from the services; the rest within the platform.</summary>
    public static IEnumerable<string> Problems(Rendered r)
    {
        var policies = r.All<V1NetworkPolicy>().ToList();
        var ns = r.All<V1Deployment>().First().Metadata.NamespaceProperty;
        Pod App(string name) => new(name, ns, new Dictionary<string, string>(r.Get<V1Deployment>(name).Spec.Template.Metadata.Labels));
        var gateway = App("gateway");
        var portal = App("portal");
        var services = Rules.Services.Select(App).ToList();
        var postgres = new Pod("postgres instance", ns, new() { ["cnpg.io/cluster"] = "postgres", ["cnpg.io/instanceRole"] = "primary" });
        var rabbit = new Pod("rabbitmq node", ns, new() { ["app.kubernetes.io/name"] = "messaging", ["app.kubernetes.io/component"] = "rabbitmq" });
        var collector = new Pod("otel collector", ns, new() { ["app.kubernetes.io/component"] = "opentelemetry-collector" });
        var stranger = new Pod("an unlabelled pod in the namespace", ns, new() { ["app"] = "debug" });
        var ingress = new Pod("the ingress controller", "ingress-nginx", new() { ["app.kubernetes.io/name"] = "ingress-nginx" });
        var internet = new Pod("an address outside the cluster", "", []);
        var cnpgOperator = new Pod("the CloudNativePG operator", "cnpg-system", new() { ["app.kubernetes.io/name"] = "cloudnative-pg" });

        var expectations = new List<(Pod From, Pod To, int Port, bool Allowed)>
        {
            (ingress, gateway, 8080, true),
            // Only through the ingress controller, whose X-Forwarded-For the gateway trusts.
            (internet, gateway, 8080, false),
            (stranger, gateway, 8080, false),
            (ingress, portal, 8080, false),
            (ingress, stranger, 8080, false),
            (ingress, postgres, 5432, false),
            (ingress, rabbit, 5672, false),
            (stranger, postgres, 5432, false),
            (stranger, rabbit, 5672, false),
            (gateway, portal, 8080, true),
            (gateway, postgres, 5432, false),
            (gateway, rabbit, 5672, false),
            (portal, postgres, 5432, false),
            (portal, rabbit, 5672, false),
            (cnpgOperator, postgres, 8000, true),
            (cnpgOperator, postgres, 5432, false),
            (postgres, postgres, 5432, true),
        };
        foreach (var service in services)
        {
            expectations.AddRange([
                (ingress, service, 8080, false), (stranger, service, 8080, false), (gateway, service, 8080, true),
                (service, postgres, 5432, true), (service, rabbit, 5672, true), (service, collector, 4317, true)]);
        }
        expectations.AddRange(services.Select(s => (portal, s, 8080, Rules.References["portal"].Contains(s.Description))).Where(e => e.Item4));

        foreach (var (from, to, port, allowed) in expectations)
        {
            if (Allows(policies, from, to, port) != allowed)
                yield return $"{from.Description} {(allowed ? "cannot" : "can")} reach {to.Description} on {port}";
        }
    }
}
