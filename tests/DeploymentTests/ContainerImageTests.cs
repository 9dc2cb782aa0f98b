using System.Diagnostics;
using System.Text.Json;
using k8s.Models;

namespace Gongkai.DeploymentTests;

/// <summary>
/// The images the manifests run are the images the projects publish (<c>dotnet publish -t:PublishContainer</c>): the same
/// repository, port and non-root user, read from MSBuild's own evaluation of each project (nothing is pulled or built).
/// </summary>
public sealed class ContainerImageTests
{
    public static TheoryData<string, string> Projects => new()
    {
        { "identity", "services/Identity/Identity.csproj" },
        { "intake", "services/Intake/Intake.csproj" },
        { "workflow", "services/Workflow/Workflow.csproj" },
        { "legalreview", "services/LegalReview/LegalReview.csproj" },
        { "document", "services/Document/Document.csproj" },
        { "publishing", "services/Publishing/Publishing.csproj" },
        { "portal", "web/Portal/Portal.csproj" },
        { "gateway", "gateway/Gateway.csproj" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Each_deployment_runs_the_image_its_project_publishes(string name, string project)
    {
        var container = Manifests.Production.Typed.OfType<V1Deployment>().Single(d => d.Metadata.Name == name).Spec.Template.Spec.Containers.Single();
        var settings = await EvaluateAsync(project);
        var properties = settings.GetProperty("Properties");

        Assert.Equal(container.Image.Split(':')[0], properties.GetProperty("ContainerRepository").GetString());
        Assert.Equal("1654", properties.GetProperty("ContainerUser").GetString());
        var ports = settings.GetProperty("Items").GetProperty("ContainerPort").EnumerateArray().Select(p => p.GetProperty("Identity").GetString()).ToList();
        Assert.Equal([container.Ports.Single().ContainerPort.ToString()], ports);
        // Compiled ahead of time for the platform the image runs on (a faster start; see Directory.Build.targets).
        Assert.Equal("true", properties.GetProperty("PublishReadyToRun").GetString());

        var baseImage = properties.GetProperty("ContainerBaseImage").GetString()!;
        if (name == "document")
        {
            // Its own base: the Dockerfile installs the fonts letters and reports embed.
            Assert.Equal("gongkai/document-base:10.0-fonts-2", baseImage);
            var dockerfile = File.ReadAllText(Path.Combine(Manifests.RepositoryRoot, "deploy", "images", "document-base", "Dockerfile"));
            Assert.All(new[] { "fonts-arphic-uming", "fonts-arphic-ukai", "fonts-wqy-microhei", "fonts-hanazono", "USER 1654" }, p => Assert.Contains(p, dockerfile));
            Assert.DoesNotContain("chromium", dockerfile); // letters and reports are drawn natively
        }
        else
        {
            Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", baseImage);
        }
    }

    private static async Task<JsonElement> EvaluateAsync(string project)
    {
        // As the images are published: for linux-x64 (README, "Running in production").
        var start = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(Manifests.RepositoryRoot, project), "-nologo", "-p:RuntimeIdentifier=linux-x64",
            "-getProperty:PublishReadyToRun", "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var msbuild = Process.Start(start)!;
        var output = await msbuild.StandardOutput.ReadToEndAsync();
        var errors = await msbuild.StandardError.ReadToEndAsync();
        await msbuild.WaitForExitAsync();
        Assert.True(msbuild.ExitCode == 0, $"dotnet msbuild {project} failed: {output}{errors}");
        return JsonDocument.Parse(output).RootElement;
    }
}
