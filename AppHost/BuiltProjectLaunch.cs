using System.Reflection;

namespace Gongkai.AppHost;

public static class BuiltProjectLaunchExtensions
{
    /// <summary>
    /// Every project resource, including ones tests add, starts from its build output (<c>dotnet Intake.dll</c>) instead
    /// of DCP's <c>dotnet run --no-build --project …</c>, which evaluates the project with MSBuild on every start:
    /// seconds of CPU per service, the platform's slowest step on two cores. <c>./build.sh</c> builds before it runs;
    /// a project not built yet keeps Aspire's own launch, and so does every project with <c>--Gongkai:DotnetRun=true</c>
    /// (the comparison in <c>benchmarks/cold-start.sh</c>, and a way back should the evaluation API misbehave).
    /// </summary>
    public static IDistributedApplicationBuilder LaunchProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration["Gongkai:DotnetRun"] is "true" or "1")
            return builder;
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var project in e.Model.Resources.OfType<ProjectResource>())
            {
                if (BuildOutputOf(project) is { } assembly)
#pragma warning disable ASPIREPROJECTS001 // evaluation API of Aspire 13.6: replaces the "run" verb of DCP's launch
                    project.Annotations.Add(new ProjectLaunchArgsOverrideAnnotation([assembly]));
#pragma warning restore ASPIREPROJECTS001
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The project's assembly built in the AppHost's own configuration (Debug or Release), if it exists.</summary>
    private static string? BuildOutputOf(ProjectResource project)
    {
        var projectPath = project.GetProjectMetadata().ProjectPath;
        var configuration = typeof(BuiltProjectLaunchExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return File.Exists(assembly) ? assembly : null;
    }
}
