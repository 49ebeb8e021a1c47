---@meta closedloop
-- closedloop.d.lua: the strategy API for the Lua language server (LuaLS), as annotations.
--
-- This file is never run by the game. It tells an editor what a strategy script can use: the
-- `view` and its records, the helper functions, the intent constructors, the Strategy table a
-- script returns, and the base functions of the sandbox. The reference is docs/strategy-api.md.
--
-- How to use it (either way):
--  * open the scripts/ folder (or the whole repository) in an editor with the Lua language server
--    (VS Code with the "Lua" extension by sumneko, Neovim with lua_ls, ...): a file starting with
--    ---@meta is read as a library of declarations wherever it is in the workspace;
--  * or put this file on the library path of the workspace where you write scripts, for example in
--    a .luarc.json next to them:
--        {
--          "runtime.version": "Lua 5.4",
--          "workspace.library": ["/path/to/closedloop/scripts/closedloop.d.lua"],
--          "runtime.builtin": {"basic": "disable", "coroutine": "disable", "debug": "disable",
--                              "io": "disable", "os": "disable", "package": "disable"}
--        }
--    "runtime.builtin" is optional: with it, the editor knows only what the sandbox has (the base
--    functions below replace LuaLS's own, so load, require, dofile, loadfile, collectgarbage and
--    warn are flagged as undefined, as they are in the game); string, table, math and utf8 stay
--    LuaLS's own (the sandbox caps string.rep, the pattern functions and the table functions, and
--    removes string.dump: see docs/strategy-api.md).
--
-- Then annotate the table your script returns:
--        ---@type Strategy
--        local S = {}
--        function S.decide(view) ... end   -- view is a View: completion on its fields
--        return S
--
-- tests/test_api_docs.sh checks that the global functions declared here (the lines starting with
-- "function NAME(") are exactly those the sandbox defines.

---------------------------------------------------------------------------------------------------
-- Names

---An actor's id as the scenario names it ("openai", "microsoft", "nvidia", "softbank", "oracle",
---"amd", "broadcom", "tsmc", "google" in the 2025 scenario). "world" stands for the outside world
---(the payee of a build) and, in events and calendar entries, for "no actor".
---@alias ActorId string

---Why an intent is made: a string in any language (UTF-8), shown as written, or one text per
---language, shown in the reader's (either may be missing). Kept as "English\31中文".
---@alias Reason string|{en: string|nil, zh: string|nil}

---@alias Role
---| "hub"     # the actor the others bind themselves to (OpenAI)
---| "giant"   # a large partner that can join the hub
---| "outside" # an outside player (TSMC, Google in 2025)

---@alias DealKind
---| "compute"       # cloud/compute contract: the payer rents capacity from the payee (GW contracted by the payer)
---| "chip_purchase" # the payer buys chips/systems from the payee (GW owned by the payer)
---| "chip_lease"    # the payer leases chips from the payee (GW contracted by the payer)
---| "equity"        # the payer invests in the payee in tranches, for new shares at the day's price
---| "loan"          # the payer lends to the payee: `months` draws, then `months` repayments; interest `rate` a year
---| "guarantee"     # the world lends to the payee as for a loan; the payer guarantees it
---| "warrants"      # the payer grants the payee `shares` billions of its own shares, vesting over `months`
---| "revenue_share" # the payer hands the payee `rate` of its revenue each month
---| "joint_venture" # the payer funds `rate`, the payee `rate2` of a build of `amount`; GW to the payee
---| "codev"         # the payer pays the payee to co-develop chips and systems (GW owned by the payer)
---| "exclusivity"   # the payee holds exclusive rights over the payer's compute purchases (`amount`: an optional fee)
---| "build"         # the payer builds its own data centres, paid to the world (GW owned by the payer)

---@alias DealStatus
---| "proposed"   # waiting for the counterparty's answer
---| "countered"  # replaced by a counter-offer (the deal whose parent it is)
---| "rejected"   # refused by the counterparty (or a build that did not fit the budget)
---| "expired"    # nobody answered it within 3 turns
---| "accepted"   # signed this turn, not yet public
---| "announced"  # public, the market has reacted, no payment yet
---| "delivering" # payments under way
---| "completed"  # every payment made
---| "defaulted"  # a party failed; the rest of the schedule is lost
---| "released"   # a right given up by its holder before the term
---| "cancelled"  # ended early by a party that paid the exit penalty (exit)

---@alias EventKind
---| "news"           # a scheduled scenario event (tag: its id; text: its title)
---| "proposed"       # actor offered `deal` to other ("world" for a build); text: the reason
---| "countered"      # actor answered offer `parent` with counter-offer `deal`; other: parent's proposer
---| "accepted"       # actor accepted `deal`, proposed by other (a build: the builder itself); text: the answer
---| "rejected"       # actor turned down `deal`, proposed by other; text: the answer
---| "expired"        # `deal`, proposed by actor, lapsed unanswered
---| "released"       # actor gave up exclusivity `deal` over other; text: the reason
---| "exited"         # actor cancelled `deal` with other, paying `amount` of penalty; value: what was still scheduled; aux: the builder's stranded loss
---| "sold"           # actor sold a stake in other for `amount` (value: at the price; aux: the discount)
---| "reaction"       # actor's first-day move: change (log return), value ($B moved), amount (net $B weighed), aux (FOMO then)
---| "completed"      # `deal` completed
---| "missed"         # actor missed `amount` due on `deal`
---| "default"        # actor defaulted
---| "guarantee"      # actor paid `amount` as guarantor of other
---| "writedown"      # actor lost `amount` of claims on other's default
---| "raise"          # actor raised `amount` from outside investors
---| "credit"         # actor drew `amount` of credit from lenders
---| "warrant_sale"   # actor sold shares of other for `amount`
---| "dropped"        # an intent of actor was dropped; text says why
---| "strategy_error" # actor's strategy failed this turn; text says why
---| "target"         # the hub reached its compute target
---| "end"            # the game ended; text: "horizon", "default", "target" or "turn_limit"
---| "lever"          # a teacher's lever changed between months

---------------------------------------------------------------------------------------------------
-- The view (read-only, except view.memory)

---The world as one actor sees it at the start of its turn. Read-only: writing any field raises
---"the view is read-only". The same tables are reused from turn to turn: copy into view.memory
---what must outlive the call.
---@class View
---@field turn integer Turns played so far: 0 on the first turn.
---@field month string This turn's month, "YYYY-MM".
---@field turns integer Length of the calendar, in turns (months).
---@field start string The month of turn 0, "YYYY-MM".
---@field scenario string The scenario's id ("closed-loop-2025").
---@field me ActorId Your own actor id.
---@field hub ActorId The hub's id.
---@field sentiment number Market sentiment now, in (-1, 1).
---@field leverage number The hub's payments due in the next 12 months / its yearly revenue, at the close of the last turn.
---@field target_gw number The hub's compute goal, GW.
---@field self Actor Your own record (the same table as view.actors[view.me]).
---@field actors ActorTable Every actor: view.actors[1..n] in scenario order, and view.actors[id].
---@field offers_to_me Deal[] Open offers made to you by others (status "proposed"), by id.
---@field my_offers Deal[] Your own offers still open (status "proposed"), by id.
---@field deals Deal[] Live deals (announced or delivering) in which you pay or are paid, by id.
---@field news NewsEvent[] The last 64 events that are public or concern you, oldest first.
---@field prices PriceTable Market values ($B) of each actor over the last 24 turns at most.
---@field calendar CalendarEntry[] The scenario's dated events, in date order.
---@field params Params Your role's baseline parameters, objective weights and playbook parameters from the scenario.
---@field memory table The one writable part: your own table, kept from call to call. Plain data only.
---@field deal fun(id: integer|string|ProposeIntent|CounterIntent): Deal|nil The record of a deal by its id, by the ref a constructor gave your offer (offer.ref), or by the offer itself; nil while the offer is not made yet (the turn makes offers after every decide) or if it is not a deal you may see.

---view.actors: by position (1..n) and by id.
---@class ActorTable
---@field [integer] Actor
---@field [string] Actor

---view.prices: by position (1..n) and by id; each a list of market values ($B), oldest first, the
---last one now (start of this turn); at most 24 values.
---@class PriceTable
---@field [integer] number[]
---@field [string] number[]

---An actor's record. Each field is read from the world when asked, so it is always current.
---@class Actor
---@field id ActorId Its id.
---@field name string Its display name ("OpenAI").
---@field role Role "hub", "giant" or "outside".
---@field index integer Its position in view.actors (from 1).
---@field capex_budget number $B a year it may commit to deals and builds (the budget check allows budget_slack times this).
---@field cash number $B in hand.
---@field debt number $B borrowed from lenders (credit drawn and not paid back).
---@field credit_limit number $B of debt lenders would let it carry now: debt + credit_room.
---@field revenue number $B a year from its own business.
---@field growth number Yearly growth rate of that revenue (0.9 = 90%).
---@field shares number Shares outstanding, billions.
---@field price number $ per share (the hub: a private valuation per share).
---@field market_value number $B: price x shares.
---@field compute_owned number GW of compute it owns.
---@field compute_contracted number GW of compute it rents or leases.
---@field exposure number $B it stands to lose if every other actor failed (exposure(id, j) summed over j).
---@field exposure_top number $B it stands to lose if its largest counterparty (top) failed.
---@field top ActorId|nil Its largest counterparty, nil if it is exposed to no one.
---@field exposure_to table<ActorId, number> $B it stands to lose if that actor failed, by id (nonzero only).
---@field obligations number $B it owes under live deals, the whole remaining schedule.
---@field due_12m number $B of those obligations due in the next 12 months.
---@field circularity number As a vendor of anyone: the share of what the others paid it that it financed itself, along any path, in [0, 1].
---@field threat number Outside pressure on its business (scheduled news raise it; it fades).
---@field fomo number Share of its rival giants bound to a borrower and rewarded by the market, in [0, 1].
---@field joined boolean Bound to a borrower: a deal with the hub, or with an actor someone financed, was announced (stays true).
---@field defaulted boolean It has defaulted.
---@field last_deal integer|nil The turn its last deal was announced, or nil.
---@field deal_kind DealKind The kind of deal its baseline strategy offers.
---@field pd number Its default probability over the market's horizon (market.merton_horizon, 3 years in 2025) as the market reads its balance sheet (1 once defaulted).
---@field fundamental number $B: its equity on its fundamentals (Merton); prices revert to it.
---@field credit_room number $B of new debt lenders would offer it now (market.credit_appetite x what its distance to default leaves room for).

---A deal's record: an offer (view.offers_to_me, view.my_offers) or a live deal (view.deals). Read
---from the world when asked; the same table for the deal's whole life.
---@class Deal
---@field id integer The deal's id (from 0): give it to accept, reject, counter, release.
---@field kind DealKind Its kind.
---@field from ActorId Who proposed it.
---@field to ActorId The other party ("world" for a build).
---@field payer ActorId Whose money leaves.
---@field payee ActorId Who receives it ("world" for a build).
---@field amount number $B over the schedule (loans: the principal; joint ventures: the whole build).
---@field months integer Number of monthly payments (exclusivity: its length).
---@field delay integer Months from acceptance to the first payment.
---@field upfront number Share of the amount in the first payment, [0, 1].
---@field gw number GW delivered with the payments (to the payer; joint ventures: to the payee).
---@field rate number Revenue share: share of revenue; loan, guarantee: yearly interest; joint venture: the payer's share.
---@field rate2 number Joint venture: the payee's share of the build.
---@field shares number Warrants: billions of the payer's shares.
---@field reason string The proposer's reason ("" if none), as kept: a reason given in two languages reads "English\31中文".
---@field answer string|nil The counterparty's reason for its answer (or the holder's for a release), nil if none; as `reason`.
---@field parent integer|nil The id of the offer this one counters, or nil.
---@field proposed integer The turn it was proposed.
---@field decided integer|nil The turn it was accepted, rejected, countered or expired, or nil.
---@field start integer|nil The turn of its first payment, or nil before acceptance.
---@field ended integer|nil The turn it completed, defaulted or was released, or nil.
---@field status DealStatus Where it is in its life.
---@field paid number $B paid so far under the schedule (joint ventures: both partners).
---@field gw_done number GW delivered so far.
---@field principal number Loans and guarantees: principal outstanding, $B.
---@field vested number Warrants: billions of shares vested so far.
---@field missed integer Payments missed (in whole or part) so far.
---@field size number $B the market weighs: the larger of what the payee gets and what the payer commits.
---@field tag string|nil The id of the scenario event this deal replays, or nil.
---@field countered_by integer|nil A countered offer: the id of the counter-offer that answered it, or nil.

---An event of the game's record (view.news, and the second argument of on_event).
---@class NewsEvent
---@field index integer Its position in the game's record (from 0).
---@field turn integer The turn it happened.
---@field kind EventKind What happened.
---@field actor ActorId Who it is about ("world" if nobody).
---@field other ActorId The other party ("world" if none); for "countered", the proposer of the countered offer.
---@field deal integer|nil The deal's id, or nil.
---@field parent integer|nil "countered" only: the id of the offer it answers.
---@field amount number $B, by kind.
---@field change number A price change (log return), for "reaction".
---@field value number $B of market value moved, for "reaction".
---@field aux number A second figure, by kind ("reaction": the FOMO share then).
---@field fund number "reaction", "writedown": the part of change that is the change of fundamental value.
---@field text string Reasons, headlines, messages ("" if none).
---@field tag string|nil For "news": the scenario event's id.

---A dated event of the scenario (view.calendar).
---@class CalendarEntry
---@field month string "YYYY-MM".
---@field turn integer The turn of that month (month - start).
---@field type "news"|"deal"|"release" News fire by themselves; deals and releases happen only if strategies make them.
---@field id string The event's id in the scenario.
---@field title string Its headline.
---@field actor ActorId The actor it names (a deal: its proposer in the record; "world" if none).

---Your role's parameters from the scenario (view.params).
---@class Params
---@field fomo_weight number Baseline: pull of rivals that joined and were rewarded.
---@field threat_weight number Baseline: pull of an outside threat.
---@field sentiment_weight number Baseline: pull of sentiment.
---@field risk_weight number Baseline: push-back of exposure (to every counterparty) per unit of market value.
---@field threshold number Baseline: net pressure needed to make or accept an offer.
---@field budget_share number Baseline: share of the yearly budget committed per year of a deal.
---@field max_exposure number Baseline: most exposure (to every counterparty), as a share of market value.
---@field kind DealKind Baseline: the kind of deal it offers.
---@field months integer Baseline: the length of the deals it offers.
---@field gw_per_billion number Baseline: GW per $B of its deals.
---@field cooldown integer Baseline: turns it waits after a deal.
---@field min_coverage number Baseline, the hub: accept while (revenue + funding room) / obligations >= this.
---@field w_value number Score weight of the change in market value.
---@field w_compute number Score weight of the hub's progress to its target.
---@field w_exposure number Score weight of exposure to every counterparty (usually <= 0).
---@field w_survival number Score weight of not defaulting.
---@field interest_rate number The market's risk-free rate (the default rate of loans and guarantees); credit costs this plus a spread from the borrower's pd.
---@field budget_slack number Budgets allow this many times capex_budget of payments in any 12 months.
---@field sell_impact number A stake sold goes sell_impact x sqrt(value sold / the issuer's value) below the price.
---@field exit_penalty number Share of what is still scheduled that leaving a deal costs.
---@field max_commit_pd number The hub (and any actor without a budget) may not commit to a deal that would put its pd above this.
---@field playbook table<string, number|boolean> The playbook parameters the scenario sets for this role (its actor's playbook_params), by name; empty if none. A playbook uses each instead of its own default.

---------------------------------------------------------------------------------------------------
-- Intents

---What decide returns: one intent, a list of intents, or nil (a pass). Make them with the
---constructors; a hand-made table with the same keys works too.
---@class Intent
---@field op "propose"|"accept"|"reject"|"counter"|"release"|"pass" What it asks.
---@field line integer The line of the script that made it (used in messages).
---@field reason Reason|nil Why: a string in any language or {en = ..., zh = ...}; at most 319 bytes kept.

---The terms of an offer (propose and its shorthands, counter). Every key is optional except
---`to` (not for a build) and `kind` (given by the shorthands). Numbers must be finite, >= 0 and at
---most 1e6; months and delay whole numbers. Other keys are refused.
---@class Terms
---@field to ActorId|nil Whom the offer is for (a counter: the proposer of the countered offer, the default).
---@field kind DealKind|nil The kind (propose: required; a shorthand sets it when absent).
---@field amount number|nil $B over the schedule. Default 0.
---@field months integer|nil Number of monthly payments, 1..600. Default 12.
---@field delay integer|nil Months from acceptance to the first payment, 0..240. Default 0.
---@field upfront number|nil Share of the amount in the first payment, [0, 1]. Default 0.
---@field gw number|nil GW delivered with the payments, [0, 1e4]. Default 0.
---@field rate number|nil [0, 1]. Default: the market's interest rate for loans and guarantees, 1 - rate2 for joint ventures, else 0.
---@field rate2 number|nil Joint venture: the payee's share, [0, 1]. Default 0.
---@field shares number|nil Warrants: billions of the payer's shares, [0, 1000]. Default 0.
---@field pay boolean|nil true: you pay; false: `to` pays. Default: `to` pays for compute, chip_purchase, chip_lease, codev and exclusivity; you pay for the others (a counter: the payer stays the same).
---@field reason Reason|nil Why (see Intent.reason).

---@class ProposeIntent: Intent, Terms
---@field ref string The offer's ref, "TURN.N" (the N-th offer made in turn TURN): view.deal(ref) finds the deal the turn made of it.

---@class AnswerIntent: Intent
---@field id integer The deal's id.

---@class CounterIntent: Intent, Terms
---@field id integer The id of the offer it answers.
---@field ref string The counter-offer's ref, as ProposeIntent.ref.

---------------------------------------------------------------------------------------------------
-- The table a script returns

---@class Strategy
---@field decide fun(view: View): (Intent|Intent[]|nil) Required. Called every turn; returns intents (at most 16 are kept; passes do not count).
---@field init? fun(view: View) Optional. Called once before the first turn (view.turn is 0).
---@field on_event? fun(view: View, ev: NewsEvent) Optional. Called after each turn for each event of that turn whose actor or other party is you; the view is already the next turn's.

---------------------------------------------------------------------------------------------------
-- Intent constructors. They check nothing: decide's return value is checked (see check()).

---A new offer. `kind` is required, and `to` except for a build.
---@param terms Terms
---@return ProposeIntent
function propose(terms) end

---propose{kind = "equity", ...}: invest `amount` $B in `to`, in tranches over `months`. You pay by default.
---@param terms Terms
---@return ProposeIntent
function invest(terms) end

---propose{kind = "chip_lease", ...}: lease chips to `to` (`to` pays by default; GW contracted by the payer).
---@param terms Terms
---@return ProposeIntent
function lease(terms) end

---propose{kind = "chip_purchase", ...}: sell chips/systems to `to` (`to` pays by default; GW owned by the payer).
---With an `actor` key instead, sell{actor = id, fraction = f} (or shares = billions) sells part of
---your stake in that actor to outside investors at the price less params.sell_impact x sqrt(value
---sold / its market value); the hub's shares only while sentiment is above 0 (its next round buys).
---@param terms Terms
---@return ProposeIntent
function sell(terms) end

---propose{kind = "guarantee", ...}: guarantee a loan of `amount` the world makes to `to` (you are the payer by default).
---@param terms Terms
---@return ProposeIntent
function guarantee(terms) end

---propose{kind = "loan", ...}: lend `amount` to `to`: `months` draws, then `months` repayments; `rate` defaults to the market's.
---@param terms Terms
---@return ProposeIntent
function lend(terms) end

---propose{kind = "warrants", ...}: grant `to` `shares` billions of your own shares, vesting over `months` (you are the payer by default).
---@param terms Terms
---@return ProposeIntent
function warrants(terms) end

---propose{kind = "compute", ...}: rent compute capacity to `to` (`to` pays by default).
---@param terms Terms
---@return ProposeIntent
function cloud(terms) end

---propose{kind = "codev", ...}: co-develop chips and systems for `to` (`to` pays by default; GW owned by the payer).
---@param terms Terms
---@return ProposeIntent
function codevelop(terms) end

---propose{kind = "joint_venture", ...}: a build of `amount`; the payer funds `rate` (default 1 - rate2), the payee `rate2`; GW to the payee. You pay by default.
---@param terms Terms
---@return ProposeIntent
function joint_venture(terms) end

---propose{kind = "build", ...}: your own data-centre build, paid to the world. No `to`: it needs nobody's consent, only budget; accepted or dropped the same turn.
---@param terms Terms
---@return ProposeIntent
function build(terms) end

---Accept an open offer made to you (an element of view.offers_to_me).
---@param id integer The offer's deal id.
---@param reason? Reason
---@return AnswerIntent
function accept(id, reason) end

---Turn down an open offer made to you.
---@param id integer The offer's deal id.
---@param reason? Reason
---@return AnswerIntent
function reject(id, reason) end

---Give up an exclusivity right you hold (a live "exclusivity" deal whose payee is you).
---@param id integer The deal's id.
---@param reason? Reason
---@return AnswerIntent
function release(id, reason) end

---Cancel a live deal you are party to (compute, chip purchase or lease, co-development, an equity
---tranche schedule, or a loan with nothing drawn and owed), paying the counterparty
---params.exit_penalty x what is still scheduled (and your arrears on it). The builder sells what
---it built and was not paid for at the salvage share. exit_cost(id) tells the price first.
---@param deal integer|{deal: integer, reason?: Reason} The deal's id, or a table.
---@param reason? Reason
---@return table
function exit(deal, reason) end

---rescue{actor = id, amount = $B}: put amount into a firm in distress (it missed a payment in the
---months just past, or the market reads its default probability at 50% or more) now, for new
---shares at its price (flow `equity`). Refused for a healthy or defaulted firm, or beyond your
---cash and credit.
---@param t {actor: string, amount: number, reason?: Reason}
---@return table
function rescue(t) end

---$B you would pay to exit deal `id` now, or nil if it is not a deal you can exit.
---@param id integer
---@return number|nil
function exit_cost(id) end

---Your stake in actor `of` (or `holder`'s): billions of shares, their value at the price, and what
---selling them all now would fetch after the discount (params.sell_impact x sqrt(value / its
---market value)).
---@param of ActorId
---@param holder? ActorId
---@return number shares, number value, number proceeds
function stake(of, holder) end

---Answer an open offer made to you with terms of your own: the offer is closed ("countered") and a
---new one, with `parent` = id, goes back to its proposer. The terms start from the offer's; the
---keys given replace them (no defaults are applied again).
---@param id integer The offer's deal id.
---@param terms? Terms What changes.
---@param reason? Reason
---@return CounterIntent
function counter(id, terms, reason) end

---Do nothing this turn (the same as returning nil or {}).
---@param reason? Reason
---@return Intent
function pass(reason) end

---------------------------------------------------------------------------------------------------
-- Helpers. An unknown actor id raises an error (the call fails unless you pcall it).

---The first-day jump (log return, before noise) actor `id` would see if a deal of `net` $B were
---announced with it as payee (as_payee true) or payer. 0 when net <= 0.
---@param id ActorId
---@param net number $B the market would weigh.
---@param as_payee? boolean
---@return number
function expected_jump(id, net, as_payee) end

---What `a` stands to lose if `b` fails, now, $B: payments and arrears b owes a, a's shares of b,
---loans and guarantees outstanding, joint-venture contributions.
---@param a ActorId
---@param b ActorId
---@return number
function exposure(a, b) end

---The share of what `payer` paid `vendor` (contract instalments, revenue share, since the start)
---that `vendor` itself financed, along any path; without `payer`, of what everyone paid it. [0, 1].
---@param vendor ActorId
---@param payer? ActorId
---@return number
function circularity(vendor, payer) end

---FOMO pressure on actor `id`: the share of its rival giants bound to a borrower and rewarded, [0, 1].
---@param id ActorId
---@return number
function fomo(id) end

---$B actor `id` owes under live deals within the next `months` months (omitted or negative: the
---whole remaining schedule).
---@param id ActorId
---@param months? integer
---@return number
function obligations(id, months) end

---$B actor `id` could still find in a year: its credit room, twelve months of equity raising at
---today's value and sentiment (the hub only), and its cash.
---@param id ActorId
---@return number
function funding_room(id) end

---What the engine would say of an intent now: true if it would pass, or nil and the message it
---would be dropped with. Runs the constructor checks and the engine's validation against the
---world as it stands (not the re-checks made while the turn resolves).
---@param intent Intent
---@return true|nil ok
---@return string|nil why
function check(intent) end

---The size ($B) the market would weigh for a propose or counter intent: the larger of what the
---payee gets and what the payer commits. nil and why for any other intent or a malformed one.
---@param intent Intent
---@return number|nil size
---@return string|nil why
function deal_size(intent) end

---------------------------------------------------------------------------------------------------
-- The base functions of the sandbox (Lua 5.4's, some replaced). Removed: load, loadfile, dofile,
-- require, collectgarbage, warn (and the io, os, debug, package and coroutine libraries).

---The global table.
---@type table<string, any>
_G = {}

---"Lua 5.4".
---@type string
_VERSION = "Lua 5.4"

---Raises an error with `message` (default "assertion failed!") unless v is true.
---@generic T
---@param v? T
---@param message? any
---@return T
---@return any ...
function assert(v, message, ...) end

---Raises an error. A string message gets "script.lua:LINE: " in front (level 1).
---@param message any
---@param level? integer
function error(message, level) end

---The metatable of `object`, or its __metatable field. View tables and strings give false, as do
---tables used as metatables.
---@param object any
---@return any
function getmetatable(object) end

---Iterates t[1], t[2], ... up to the first nil. Works on view lists.
---@generic T: table, V
---@param t T
---@return fun(table: V[], i?: integer): integer, V
---@return T
---@return integer i
function ipairs(t) end

---The key after `index` in pairs' fixed order (see pairs). Keys other than numbers, strings and
---booleans raise an error.
---@generic K, V
---@param table table<K, V>
---@param index? K
---@return K?
---@return V?
function next(table, index) end

---Iterates in a fixed order: positive integer keys ascending, then the other numbers ascending,
---then strings (bytewise), then false, true. Keys of other types (tables, functions) raise an
---error. Sees through view tables. Honours a __pairs of your own metatables.
---@generic T: table, K, V
---@param t T
---@return fun(table: table<K, V>, index?: K): K, V
---@return T
---@return nil
function pairs(t) end

---Calls f in protected mode. Each error caught costs 100 units; a spent budget cannot be caught.
---@param f function
---@param ... any
---@return boolean success
---@return any ...
function pcall(f, ...) end

---Writes a line to the game's record of the script (`check` shows it as "print", the story as
---"X's script says"). No addresses: a table prints as dump(t, 2) would show it (one with
---__tostring as that gives), a function as its type name. At most 4096 bytes of output are kept
---per call and a line is cut at 255 bytes; past that, a line says "output cut at 4096 bytes".
---@param ... any
function print(...) end

---The value as text, for print: tables opened in the fixed order pairs walks them (numbers,
---then strings, ...), `{...}` below `depth` tables (default 3, at most 8), view records with
---every field; at most 2048 bytes, then cut with "... (dump cut at 2048 bytes)". Costs one unit
---per entry and per 8 bytes of text.
---@param value any
---@param depth integer|nil
---@return string
function dump(value, depth) end

---@param v1 any
---@param v2 any
---@return boolean
function rawequal(v1, v2) end

---@param table table
---@param index any
---@return any
function rawget(table, index) end

---@param v table|string
---@return integer
function rawlen(v) end

---Loads a helper module of scripts/lib: name is a-z, 0-9 and _ only (scripts/lib/name.lua). Runs
---it once per state, in your sandbox and against your budget and memory; later calls give the same
---value. What it returns is read-only (its tables too). Errors name your script and line.
---@param name string
---@return any
function require(name) end

---Sets table[index] = value without metamethods. Refused on view tables, and for __gc, __close
---and __mode on a table used as a metatable.
---@param table table
---@param index any
---@param value any
---@return table
function rawset(table, index, value) end

---@param index integer|"#"
---@param ... any
---@return any
function select(index, ...) end

---Sets the metatable of table. Refused: __gc, __close and __mode; a protected metatable; a table as
---its own metatable; a table that has a metatable as a metatable; a metatable getting a
---metatable. A table used as a metatable cannot gain __gc, __close or __mode later.
---@generic T
---@param table T
---@param metatable? table|metatable
---@return T
function setmetatable(table, metatable) end

---@param e any
---@param base? integer
---@return number?
function tonumber(e, base) end

---Numbers and strings as Lua writes them, __tostring if the value has one, otherwise its type name
---("table", "function"): never an address.
---@param v any
---@return string
function tostring(v) end

---@param v any
---@return "nil"|"number"|"string"|"boolean"|"table"|"function"|"thread"|"userdata"
function type(v) end

---Calls f in protected mode; on an error, msgh is called with the error after the call has
---unwound (so a traceback no longer shows the failing frames). 100 units per error caught.
---@param f function
---@param msgh function
---@param ... any
---@return boolean success
---@return any ...
function xpcall(f, msgh, ...) end
