import assert from "node:assert/strict";
import { launchChromium } from "@lib/tools/chromium.ts";
import { screenshotDashboard } from "@lib/web/mod.ts";
import { withDashboard } from "./helpers.ts";

Deno.test("in headless Chromium: step, play a turn, chat, edit a profile, interview, filter, screenshot", async () => {
  await withDashboard(async ({ server, session }) => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
      await page.goto(server.url);
      await page.waitForSelector("#graph circle");
      const cell = (k: string) => page.textContent(`td[data-k="${k}"]`);
      const roundIs = (n: number) =>
        page.waitForFunction((n) => document.getElementById("round")?.textContent === String(n), n);
      assert.equal(await cell("interactions"), "0");
      assert.equal(await page.locator("#graph circle").count(), 12);

      await page.click("#btn-step");
      await roundIs(1);
      await page.waitForFunction(() =>
        document.querySelector('td[data-k="interactions"]')?.textContent !== "0"
      );
      assert.ok(Number(await cell("interactions")) > 0);
      assert.ok((await page.locator("#log li").count()) > 5, "the log streamed the round");

      // A person joins and chats with a friend.
      await page.fill("#seat-name", "Sam");
      await page.click("#btn-seat-new");
      await page.waitForSelector("#seat-agent");
      assert.equal(await page.textContent("#seat-agent"), "human-1");
      await page.click("#btn-step");
      await page.click("#mv-social");
      await page.fill("#mv-chat-text", "Have you seen <The Matrix>?");
      await page.click("#mv-chat");
      await roundIs(2);
      await page.waitForSelector('#log li[data-action="chat"][data-agent="human-1"]');
      assert.match(
        await page.textContent('#log li[data-action="chat"][data-agent="human-1"]') ?? "",
        /Sam \[human\] chats with .*Have you seen <The Matrix>\? \/ friend: /,
      );

      // The person browses the recommender page, watches, rates and leaves.
      await page.click("#btn-step");
      await page.click("#mv-recommender");
      await page.click("#seat-page li:first-child button");
      await page.fill("#mv-feeling", "Better than I expected.");
      await page.selectOption("#mv-rating", "5");
      await page.click("#mv-feel");
      await page.click("#mv-leave");
      await roundIs(3);
      await page.waitForSelector('#log li[data-action="feel"][data-agent="human-1"]');
      const watched = session.engine.world.agent("human-1").state.ratings;
      assert.deepEqual(Object.values(watched), [5]);

      // Edit a profile from its card, then interview the agent.
      const id = session.engine.world.ids[0];
      await page.click(`#graph circle[data-id="${id}"]`);
      await page.fill("#edit-interests", "documentaries, westerns");
      await page.click("#btn-save-profile");
      await page.waitForFunction(() =>
        document.getElementById("card-msg")?.textContent?.includes("saved")
      );
      assert.deepEqual(session.engine.world.agent(id).profile.interests, [
        "documentaries",
        "westerns",
      ]);
      await page.waitForSelector('#log li[data-action="intervention"]');
      await page.click("#btn-interview");
      await page.waitForFunction(() => {
        const t = document.getElementById("interview-a")?.textContent ?? "";
        return t.length > 5 && t !== "…";
      });
      await page.waitForSelector(`#log li.interview[data-agent="${id}"]`);

      // Filter the log by action.
      await page.selectOption("#log-action", "watch");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("#log li")].every((li) =>
          (li as HTMLElement).dataset.action === "watch"
        ) && document.querySelectorAll("#log li").length > 0
      );

      // A screenshot of the page is not blank.
      const png = await page.screenshot();
      const colours = await page.evaluate(async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext("2d")!;
        g.drawImage(img, 0, 0);
        const data = g.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 97) {
          seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        }
        return seen.size;
      }, png.toString("base64"));
      assert.ok(colours > 20, `only ${colours} colours: the page looks blank`);
    } finally {
      await browser.close();
    }
  });
});

Deno.test("screenshotDashboard writes a PNG of the page with an agent's card", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-web-shot-" });
  try {
    await withDashboard(async ({ server, session }) => {
      await session.step();
      const png = await screenshotDashboard(server.url, `${dir}/dashboard.png`, {
        selectAgent: session.engine.world.ids[0],
        width: 1200,
        height: 800,
      });
      assert.deepEqual([...png.slice(1, 4)], [80, 78, 71], "a PNG signature");
      assert.ok(Deno.statSync(`${dir}/dashboard.png`).size > 20_000);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
