using PuppeteerSharp;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>; <c>CHROMIUM_PATH</c> to use another), headless,
/// driven over the DevTools protocol. One browser per test class; each page gets its own
/// incognito context, so no two tests share storage. Nothing is downloaded.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"No chromium at {ExecutablePath}: run scripts/prerequisites.sh (apt-get install chromium).");
        // Chromium's sandbox refuses to start as root (CI containers run as root).
        string[] args = Environment.UserName == "root" ? ["--no-sandbox", "--disable-dev-shm-usage"] : ["--disable-dev-shm-usage"];
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = args });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
    }

    /// <summary>A fresh page on the dashboard, recording every request and every script error.</summary>
    public async Task<DashboardPage> OpenAsync(Uri gateway)
    {
        var context = await _browser!.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page, gateway);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.GoToAsync(gateway.ToString(), WaitUntilNavigation.Load);
        return dashboard;
    }
}

/// <summary>One open dashboard and what it did: the requests it made and the errors it logged.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page, Uri gateway)
    {
        _context = context;
        Page = page;
        Gateway = gateway;
        page.DefaultTimeout = 30_000;
        page.Request += (_, e) => { lock (_requests) { _requests.Add(e.Request.Url); } };
        page.PageError += (_, e) => { lock (_errors) { _errors.Add(e.Message); } };
        // An answer of 4xx is logged by the browser as "Failed to load resource": expected when a
        // test sends bad input. Anything else (a script error, a blocked request) is a failure.
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error && !e.Message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (_errors) { _errors.Add(e.Message.Text); }
            }
        };
        page.Dialog += async (_, e) => await e.Dialog.Accept();
    }

    public IPage Page { get; }

    public Uri Gateway { get; }

    public IReadOnlyList<string> Requests { get { lock (_requests) { return [.. _requests]; } } }

    public IReadOnlyList<string> Errors { get { lock (_errors) { return [.. _errors]; } } }

    /// <summary>Sets an input's value as a user's typing would, without depending on the browser's date format.</summary>
    public Task FillAsync(string selector, string value) =>
        Page.EvaluateFunctionAsync("""
            (selector, value) => {
              const input = document.querySelector(selector);
              if (!input) throw new Error('no ' + selector);
              input.value = value;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              input.dispatchEvent(new Event('change', { bubbles: true }));
            }
            """, selector, value);

    public Task<string> AttributeAsync(string selector, string name) =>
        Page.EvaluateFunctionAsync<string>("(selector, name) => document.querySelector(selector)?.getAttribute(name) ?? ''", selector, name);

    public Task<string> TextAsync(string selector) =>
        Page.EvaluateFunctionAsync<string>("selector => document.querySelector(selector)?.textContent ?? ''", selector);

    public Task WaitUntilAsync(string condition, params object[] args) =>
        Page.WaitForFunctionAsync(condition, new WaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 }, args);

    /// <summary>Signs up through the page's own form and waits for the figures.</summary>
    public async Task SignUpAsync(string email, string password)
    {
        await FillAsync("#signin-email", email);
        await FillAsync("#signin-password", password);
        await Page.ClickAsync("#signin-form button[value=signup]");
        await WaitUntilLoadedAsync();
    }

    public Task WaitUntilLoadedAsync() => Page.WaitForSelectorAsync("#app[data-loaded]", new WaitForSelectorOptions { Timeout = 60_000 });

    /// <summary>Every request the page made went to the gateway it was loaded from.</summary>
    public void AssertOnlyTheGatewayWasAsked()
    {
        var origin = Gateway.GetLeftPart(UriPartial.Authority);
        var elsewhere = Requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "Requests to other hosts: " + string.Join(", ", elsewhere));
        Assert.True(Errors.Count == 0, "Errors on the page: " + string.Join(" | ", Errors));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
