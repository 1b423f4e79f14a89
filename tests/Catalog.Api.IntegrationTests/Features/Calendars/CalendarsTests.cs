using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Calendars;

public sealed class CalendarsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    private static object CalendarBody(string? timeZone = "Europe/Berlin", string from = "08:00", string to = "17:00") => new
    {
        name = "Office hours",
        timeZone,
        weeklyHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, from, to }),
        holidays = new[] { "2026-12-25", "2026-12-24" },
    };

    [SkippableFact]
    public async Task ListCalendars_FreshInstallation_HasTheThreeLevelsInTheCustomersTimeZone()
    {
        var client = await _scenario.ClientForAsync("integrator");

        var items = (await (await client.GetAsync("/api/v1/calendars")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();

        var business = items.Single(c => c!["key"].Value<string>() == "business-hours")!;
        Assert.Null(business["timeZone"]);
        Assert.Equal(5, business["weeklyHours"]!.AsArray().Count);
        Assert.Equal("monday", business["weeklyHours"]![0]!["day"].Value<string>());
        Assert.Equal("08:00", business["weeklyHours"]![0]!["from"].Value<string>());
        Assert.Equal("18:00", business["weeklyHours"]![0]!["to"].Value<string>());
        var allHours = items.Single(c => c!["key"].Value<string>() == "24x7")!;
        Assert.Equal(7, allHours["weeklyHours"]!.AsArray().Count);
        Assert.Equal("24:00", allHours["weeklyHours"]![0]!["to"].Value<string>());
        Assert.Contains(items, c => c!["key"].Value<string>() == "extended-hours");
    }

    [SkippableFact]
    public async Task UpdateCalendar_AdminWithIfMatch_ChangesHoursAndHolidays()
    {
        var read = await Admin.GetAsync("/api/v1/calendars/extended-hours");
        await read.ExpectAsync(HttpStatusCode.OK);

        var response = await Admin.PutJsonAsync("/api/v1/calendars/extended-hours", CalendarBody(), read.ETag());

        var calendar = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Europe/Berlin", calendar["timeZone"].Value<string>());
        Assert.Equal(["2026-12-24", "2026-12-25"], calendar["holidays"]!.AsArray().Select(h => h.Value<string>()));
        Assert.NotEqual(read.ETag(), response.ETag());
        var again = await Admin.PutJsonAsync("/api/v1/calendars/extended-hours", CalendarBody(), read.ETag());
        await again.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [SkippableFact]
    public async Task UpdateCalendar_WithoutIfMatch_Returns428()
    {
        await (await Admin.PutJsonAsync("/api/v1/calendars/business-hours", CalendarBody())).ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [SkippableTheory]
    [InlineData("Mars/Olympus", "08:00", "17:00", "timeZone")]
    [InlineData("Europe/Berlin", "18:00", "08:00", "weeklyHours[0].to")]
    [InlineData("Europe/Berlin", "8 am", "17:00", "weeklyHours[0].from")]
    public async Task UpdateCalendar_BadHours_Returns400NamingTheField(string timeZone, string from, string to, string field)
    {
        var read = await Admin.GetAsync("/api/v1/calendars/business-hours");

        var response = await Admin.PutJsonAsync("/api/v1/calendars/business-hours", CalendarBody(timeZone, from, to), read.ETag());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith(field, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("it-lead")]
    [InlineData("integrator")]
    public async Task UpdateCalendar_NotAdmin_Returns403(string role)
    {
        var client = await _scenario.ClientForAsync(role);

        await (await client.PutJsonAsync("/api/v1/calendars/business-hours", CalendarBody(), "\"1\"")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task GetCalendar_UnknownKey_Returns404()
    {
        await (await Admin.GetAsync("/api/v1/calendars/night-shift")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
