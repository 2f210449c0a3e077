using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Policy.V1;
using Deployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Ingress = Pulumi.Kubernetes.Networking.V1.Ingress;
using PodDisruptionBudget = Pulumi.Kubernetes.Policy.V1.PodDisruptionBudget;
using Service = Pulumi.Kubernetes.Core.V1.Service;
using ServiceAccount = Pulumi.Kubernetes.Core.V1.ServiceAccount;

namespace MlopsAlerting.Components;

/// <summary>
/// The Alertmanager workload: a ServiceAccount without API token, the Deployment, the
/// <c>alertmanager</c> ClusterIP Service on 9093 and, with more than one replica, the headless
/// <c>alertmanager-cluster</c> Service the replicas gossip through and a PodDisruptionBudget, and the
/// optional Ingress to the external URL.
/// </summary>
public sealed class Alertmanager : ComponentResource
{
    public Alertmanager(string name, AlertmanagerArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Alertmanager, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var w = args.Workload;
        if (w.BasicAuth != (args.WebConfigSecretName is not null))
        {
            throw new ArgumentException("WebConfigSecretName must be given exactly when the workload has basic auth.", nameof(args));
        }

        var labels = StandardLabels.Of(args.Stack, WorkloadNames.App);
        var selector = StandardLabels.Selector(args.Stack);
        var child = new CustomResourceOptions { Parent = this };

        var account = new ServiceAccount(name, new ServiceAccountArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.ServiceAccount, args.Namespace, labels),
            AutomountServiceAccountToken = false,
        }, child);

        // pulumi up waits for the whole rollout, and each wave waits for its new replicas to turn ready, which they do
        // only once their start delay has passed (the readiness probe's initial delay).
        var deploymentAnnotations = new Dictionary<string, string>(args.AdoptedAnnotations)
        {
            [RolloutPolicy.AwaitAnnotation] = w.Rollout.AwaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var deployment = new Deployment(name, new DeploymentArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.Deployment, args.Namespace, labels, deploymentAnnotations),
            Spec = new DeploymentSpecArgs
            {
                Replicas = w.Replicas,
                MinReadySeconds = w.Rollout.MinReadySeconds,
                RevisionHistoryLimit = w.Rollout.RevisionHistoryLimit,
                Selector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(selector) },
                Strategy = new DeploymentStrategyArgs
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new RollingUpdateDeploymentArgs { MaxUnavailable = w.Rollout.MaxUnavailable, MaxSurge = w.Rollout.MaxSurge },
                },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = ObjectMetadata.Map(labels) },
                    Spec = PodSpec(args, w, account.Metadata.Apply(m => m.Name), selector),
                },
            },
        }, child);

        var service = new Service(name, new ServiceArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.Service, args.Namespace, labels, args.AdoptedAnnotations.Count > 0 ? args.AdoptedAnnotations : null),
            Spec = new ServiceSpecArgs
            {
                Type = "ClusterIP",
                Selector = ObjectMetadata.Map(selector),
                Ports = { new ServicePortArgs { Name = WorkloadPorts.HttpName, Port = WorkloadPorts.Http, TargetPort = WorkloadPorts.HttpName, Protocol = "TCP" } },
            },
        }, child);

        if (w.Clustered)
        {
            // Headless and publishing not-ready pods: a starting replica finds its peers, and Prometheus finds it
            // (the plain snippet's DNS discovery and the operator's endpoints discovery both name this Service), before
            // it turns ready; it turns ready only once its gossip settled and its start delay passed, and must hear every
            // firing alert during that delay.
            _ = new Service($"{name}-cluster", new ServiceArgs
            {
                Metadata = ObjectMetadata.Of(WorkloadNames.ClusterService, args.Namespace, labels),
                Spec = new ServiceSpecArgs
                {
                    ClusterIP = "None",
                    PublishNotReadyAddresses = true,
                    Selector = ObjectMetadata.Map(selector),
                    Ports =
                    {
                        new ServicePortArgs { Name = WorkloadPorts.HttpName, Port = WorkloadPorts.Http, TargetPort = WorkloadPorts.HttpName, Protocol = "TCP" },
                        new ServicePortArgs { Name = WorkloadPorts.ClusterTcpName, Port = WorkloadPorts.Cluster, TargetPort = WorkloadPorts.ClusterTcpName, Protocol = "TCP" },
                        new ServicePortArgs { Name = WorkloadPorts.ClusterUdpName, Port = WorkloadPorts.Cluster, TargetPort = WorkloadPorts.ClusterUdpName, Protocol = "UDP" },
                    },
                },
            }, child);
        }

        if (w.Rollout.PdbMaxUnavailable is { } maxUnavailable)
        {
            _ = new PodDisruptionBudget(name, new PodDisruptionBudgetArgs
            {
                Metadata = ObjectMetadata.Of(WorkloadNames.PodDisruptionBudget, args.Namespace, labels),
                Spec = new PodDisruptionBudgetSpecArgs
                {
                    MaxUnavailable = maxUnavailable,
                    Selector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(selector) },

                    // A pod that is running but not ready (a crash loop, a hung API, a new replica in its start
                    // delay) never blocks a drain. This is safe because a replica turns ready only once it notifies
                    // (after its start delay) and stays ready while it works (readiness needs no peer): the budget
                    // protects the replicas that notify, and a drain never evicts a ready pod while another one is not
                    // ready.
                    UnhealthyPodEvictionPolicy = "AlwaysAllow",
                },
            }, child);
        }

        if (args.Ingress is { } route)
        {
            _ = new Ingress(name, new IngressArgs
            {
                Metadata = ObjectMetadata.Of(WorkloadNames.Ingress, args.Namespace, labels),
                Spec = IngressSpec(route, service.Metadata.Apply(m => m.Name)),
            }, child);
        }

        ServiceName = service.Metadata.Apply(m => m.Name);
        DeploymentName = deployment.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["serviceName"] = ServiceName, ["deploymentName"] = DeploymentName });
    }

    /// <summary>The ClusterIP Service's name, <c>alertmanager</c>.</summary>
    public Output<string> ServiceName { get; }

    /// <summary>The Deployment's name.</summary>
    public Output<string> DeploymentName { get; }

    private static IngressSpecArgs IngressSpec(IngressRoute route, Output<string> serviceName)
    {
        var spec = new IngressSpecArgs
        {
            Rules =
            {
                new IngressRuleArgs
                {
                    Host = route.Host,
                    Http = new HTTPIngressRuleValueArgs
                    {
                        Paths =
                        {
                            new HTTPIngressPathArgs
                            {
                                Path = route.Path,
                                PathType = "Prefix",
                                Backend = new IngressBackendArgs
                                {
                                    Service = new IngressServiceBackendArgs { Name = serviceName, Port = new ServiceBackendPortArgs { Name = WorkloadPorts.HttpName } },
                                },
                            },
                        },
                    },
                },
            },
        };
        if (route.ClassName is { } className)
        {
            spec.IngressClassName = className;
        }

        if (route.TlsSecretName is { } tls)
        {
            spec.Tls.Add(new IngressTLSArgs { Hosts = { route.Host }, SecretName = tls });
        }

        return spec;
    }

    private static PodSpecArgs PodSpec(AlertmanagerArgs args, AlertmanagerWorkload w, Output<string> serviceAccount, IReadOnlyDictionary<string, string> selector)
    {
        var volumes = new InputList<VolumeArgs>
        {
            new VolumeArgs
            {
                Name = AlertmanagerWorkload.ConfigVolume,
                ConfigMap = new ConfigMapVolumeSourceArgs { Name = args.ConfigMapName, DefaultMode = FileModes.ReadOnlyOwnerAndGroup },
            },
            new VolumeArgs
            {
                Name = AlertmanagerWorkload.WebhookVolume,
                Secret = new SecretVolumeSourceArgs
                {
                    SecretName = args.WebhookSecretName,
                    DefaultMode = FileModes.ReadOnlyOwnerAndGroup,
                    Items = [.. args.WebhookKeys.Select(k => new KeyToPathArgs { Key = k, Path = k })],
                },
            },
        };
        if (args.WebConfigSecretName is { } webConfig)
        {
            volumes.Add(new VolumeArgs
            {
                Name = AlertmanagerWorkload.WebConfigVolume,
                Secret = new SecretVolumeSourceArgs { SecretName = webConfig, DefaultMode = FileModes.ReadOnlyOwnerAndGroup },
            });
        }

        volumes.Add(new VolumeArgs { Name = AlertmanagerWorkload.StorageVolume, EmptyDir = new EmptyDirVolumeSourceArgs() });

        var spec = new PodSpecArgs
        {
            ServiceAccountName = serviceAccount,
            AutomountServiceAccountToken = false,
            TerminationGracePeriodSeconds = AlertmanagerWorkload.TerminationGracePeriodSeconds,
            SecurityContext = new PodSecurityContextArgs
            {
                RunAsNonRoot = true,
                RunAsUser = AlertmanagerWorkload.RunAsUser,
                RunAsGroup = AlertmanagerWorkload.RunAsUser,
                FsGroup = AlertmanagerWorkload.RunAsUser,
                SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
            },
            Containers = { Container(w) },
            Volumes = volumes,
        };

        if (w.Clustered)
        {
            // Preferred, not required: a cluster with fewer nodes than replicas still runs them all,
            // and a surge pod of a rolling update is never stuck Pending.
            spec.Affinity = new AffinityArgs
            {
                PodAntiAffinity = new PodAntiAffinityArgs
                {
                    PreferredDuringSchedulingIgnoredDuringExecution =
                    {
                        new WeightedPodAffinityTermArgs
                        {
                            Weight = 100,
                            PodAffinityTerm = new PodAffinityTermArgs
                            {
                                TopologyKey = "kubernetes.io/hostname",
                                LabelSelector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(selector) },
                            },
                        },
                    },
                },
            };
        }

        return spec;
    }

    private static ContainerArgs Container(AlertmanagerWorkload w)
    {
        var resources = new Dictionary<string, string> { ["memory"] = w.Resources.MemoryLimit };
        if (w.Resources.CpuLimit is { } cpuLimit)
        {
            resources["cpu"] = cpuLimit;
        }

        var container = new ContainerArgs
        {
            Name = WorkloadNames.Container,
            Image = w.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = [.. w.Args],
            Env = [.. w.Environment.Select(e => new EnvVarArgs { Name = e.Name, ValueFrom = new EnvVarSourceArgs { FieldRef = new ObjectFieldSelectorArgs { FieldPath = e.FieldPath } } })],
            Ports = { new ContainerPortArgs { Name = WorkloadPorts.HttpName, ContainerPortValue = WorkloadPorts.Http, Protocol = "TCP" } },
            VolumeMounts = [.. w.Mounts.Select(m => new VolumeMountArgs { Name = m.Volume, MountPath = m.MountPath, ReadOnly = m.ReadOnly })],
            ReadinessProbe = Probe(w.Readiness),
            LivenessProbe = Probe(w.Liveness),
            Resources = new ResourceRequirementsArgs
            {
                Requests = { { "cpu", w.Resources.CpuRequest }, { "memory", w.Resources.MemoryRequest } },
                Limits = ObjectMetadata.Map(resources),
            },
            SecurityContext = new SecurityContextArgs
            {
                RunAsNonRoot = true,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Privileged = false,
                Capabilities = new CapabilitiesArgs { Drop = { "ALL" } },
                SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
            },
        };
        if (w.Clustered)
        {
            container.Ports.Add(new ContainerPortArgs { Name = WorkloadPorts.ClusterTcpName, ContainerPortValue = WorkloadPorts.Cluster, Protocol = "TCP" });
            container.Ports.Add(new ContainerPortArgs { Name = WorkloadPorts.ClusterUdpName, ContainerPortValue = WorkloadPorts.Cluster, Protocol = "UDP" });
        }

        return container;
    }

    private static ProbeArgs Probe(ProbeSpec probe)
    {
        var args = new ProbeArgs
        {
            InitialDelaySeconds = probe.InitialDelaySeconds,
            PeriodSeconds = probe.PeriodSeconds,
            TimeoutSeconds = probe.TimeoutSeconds,
            FailureThreshold = probe.FailureThreshold,
        };
        if (probe.Command is { } command)
        {
            args.Exec = new ExecActionArgs { Command = [.. command] };
        }
        else
        {
            args.HttpGet = new HTTPGetActionArgs { Path = probe.Path, Port = WorkloadPorts.HttpName };
        }

        return args;
    }
}
