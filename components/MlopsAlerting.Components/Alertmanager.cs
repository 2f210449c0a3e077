using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Policy.V1;
using Ingress = Pulumi.Kubernetes.Networking.V1.Ingress;
using PodDisruptionBudget = Pulumi.Kubernetes.Policy.V1.PodDisruptionBudget;
using Service = Pulumi.Kubernetes.Core.V1.Service;
using ServiceAccount = Pulumi.Kubernetes.Core.V1.ServiceAccount;
using StatefulSet = Pulumi.Kubernetes.Apps.V1.StatefulSet;

namespace MlopsAlerting.Components;

/// <summary>
/// The Alertmanager workload: a ServiceAccount without API token, the StatefulSet (a volume claim per replica), the
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

        // pulumi up waits for the whole rollout, and each wave waits for its new replica to turn ready, which it does
        // only once its start delay has passed (the readiness probe's initial delay).
        var annotations = new Dictionary<string, string>
        {
            [RolloutPolicy.AwaitAnnotation] = w.Rollout.AwaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // A StatefulSet, not a Deployment: each replica keeps its silences and notification log on its own volume (a claim
        // per replica from the template, which a Deployment cannot give), and its RollingUpdate stops a pod before its
        // successor starts on the same volume, so a volume never has two writers. A stack that ran the Deployment gets the
        // StatefulSet created (and ready) before the Deployment is deleted: a different type is a different resource to
        // Pulumi, created before the removed one is deleted, and no alias may join them.
        var statefulSet = new StatefulSet(name, new StatefulSetArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.StatefulSet, args.Namespace, labels, annotations),
            Spec = StatefulSetSpec(args, w, labels, selector, account.Metadata.Apply(m => m.Name)),
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
        StatefulSetName = statefulSet.Metadata.Apply(m => m.Name);
        RegisterOutputs(new Dictionary<string, object?> { ["serviceName"] = ServiceName, ["statefulSetName"] = StatefulSetName });
    }

    /// <summary>The ClusterIP Service's name, <c>alertmanager</c>.</summary>
    public Output<string> ServiceName { get; }

    /// <summary>The StatefulSet's name.</summary>
    public Output<string> StatefulSetName { get; }

    private static StatefulSetSpecArgs StatefulSetSpec(AlertmanagerArgs args, AlertmanagerWorkload w, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> selector, Output<string> serviceAccount)
    {
        var podAnnotations = w.Placement.PodAnnotations;
        var spec = new StatefulSetSpecArgs
        {
            Replicas = w.Replicas,

            // The headless Service (declared with replicas; one replica needs no per-pod DNS name and has none).
            ServiceName = WorkloadNames.ClusterService,
            PodManagementPolicy = RolloutPolicy.PodManagementPolicy,
            MinReadySeconds = w.Rollout.MinReadySeconds,
            RevisionHistoryLimit = w.Rollout.RevisionHistoryLimit,
            Selector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(selector) },

            // One pod at a time, each deleted (and its state written) before its successor starts on the same volume.
            UpdateStrategy = new StatefulSetUpdateStrategyArgs { Type = RolloutPolicy.UpdateStrategy },
            Template = new PodTemplateSpecArgs
            {
                Metadata = podAnnotations.Count > 0
                    ? new ObjectMetaArgs { Labels = ObjectMetadata.Map(w.PodLabels(args.Stack)), Annotations = ObjectMetadata.Map(podAnnotations) }
                    : new ObjectMetaArgs { Labels = ObjectMetadata.Map(w.PodLabels(args.Stack)) },
                Spec = PodSpec(args, w, serviceAccount, selector),
            },
        };
        if (!w.Storage.EmptyDir)
        {
            var claim = new PersistentVolumeClaimSpecArgs
            {
                AccessModes = { "ReadWriteOnce" },
                Resources = new VolumeResourceRequirementsArgs { Requests = { { "storage", w.Storage.Size } } },
            };
            if (w.Storage.StorageClass is { } storageClass)
            {
                claim.StorageClassName = storageClass;
            }

            spec.VolumeClaimTemplates.Add(new PersistentVolumeClaimArgs
            {
                Metadata = new ObjectMetaArgs { Name = WorkloadNames.StorageClaim, Labels = ObjectMetadata.Map(labels) },
                Spec = claim,
            });
        }

        return spec;
    }

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

        if (w.Storage.EmptyDir)
        {
            volumes.Add(new VolumeArgs { Name = AlertmanagerWorkload.StorageVolume, EmptyDir = new EmptyDirVolumeSourceArgs() });
        }

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

                // A fresh claim's root belongs to root: the kubelet hands it to nobody's group once, not at every start.
                FsGroupChangePolicy = "OnRootMismatch",
                SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
            },
            Containers = { Container(w) },
            Volumes = volumes,
        };

        Placement(spec, w, selector);
        return spec;
    }

    private static void Placement(PodSpecArgs spec, AlertmanagerWorkload w, IReadOnlyDictionary<string, string> selector)
    {
        var p = w.Placement;
        if (p.NodeSelector.Count > 0)
        {
            spec.NodeSelector = ObjectMetadata.Map(p.NodeSelector);
        }

        foreach (var t in p.Tolerations)
        {
            var toleration = new TolerationArgs { Operator = t.Operator };
            if (t.Key is { } key)
            {
                toleration.Key = key;
            }

            if (t.Value is { } value)
            {
                toleration.Value = value;
            }

            if (t.Effect is { } effect)
            {
                toleration.Effect = effect;
            }

            if (t.TolerationSeconds is { } seconds)
            {
                toleration.TolerationSeconds = (int)Math.Min(seconds, int.MaxValue);
            }

            spec.Tolerations.Add(toleration);
        }

        if (p.PriorityClassName is { } priority)
        {
            spec.PriorityClassName = priority;
        }

        foreach (var secret in p.ImagePullSecrets)
        {
            spec.ImagePullSecrets.Add(new LocalObjectReferenceArgs { Name = secret });
        }

        if (w.Clustered && p.ZoneSpread != Core.Settings.ZoneSpread.Off)
        {
            spec.TopologySpreadConstraints.Add(new TopologySpreadConstraintArgs
            {
                MaxSkew = 1,
                TopologyKey = Core.Settings.PlacementSettings.ZoneKey,
                WhenUnsatisfiable = p.ZoneSpread == Core.Settings.ZoneSpread.Hard ? "DoNotSchedule" : "ScheduleAnyway",
                LabelSelector = new LabelSelectorArgs { MatchLabels = ObjectMetadata.Map(selector) },
            });
        }

        NodeAffinityArgs? nodeAffinity = null;
        if (p.RequiredNodeAffinity.Count > 0 || p.PreferredNodeAffinity.Count > 0)
        {
            nodeAffinity = new NodeAffinityArgs();
            if (p.RequiredNodeAffinity.Count > 0)
            {
                nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelectorArgs
                {
                    NodeSelectorTerms = { new NodeSelectorTermArgs { MatchExpressions = [.. p.RequiredNodeAffinity.Select(Requirement)] } },
                };
            }

            foreach (var rule in p.PreferredNodeAffinity)
            {
                nodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Add(new PreferredSchedulingTermArgs
                {
                    Weight = rule.Weight ?? 1,
                    Preference = new NodeSelectorTermArgs { MatchExpressions = { Requirement(rule) } },
                });
            }
        }

        var affinity = new AffinityArgs();
        if (nodeAffinity is not null)
        {
            affinity.NodeAffinity = nodeAffinity;
        }

        if (w.Clustered)
        {
            // Preferred, not required: a cluster with fewer nodes than replicas still runs them all.
            affinity.PodAntiAffinity = new PodAntiAffinityArgs
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
            };
        }

        if (nodeAffinity is not null || w.Clustered)
        {
            spec.Affinity = affinity;
        }
    }

    private static NodeSelectorRequirementArgs Requirement(Core.Settings.NodeAffinityRule rule) =>
        new() { Key = rule.Key, Operator = rule.Operator, Values = [.. rule.Values] };

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
