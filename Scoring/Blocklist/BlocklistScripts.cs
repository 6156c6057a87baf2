namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// The Lua scripts behind every blocklist change and load. A change is one script, so the data, the version
/// bump, the change-log entry, the audit entries and the pub/sub notice happen together or not at all.
/// </summary>
/// <remarks>
/// Every change script starts with <see cref="Commit"/> and takes the same first keys and arguments
/// (<see cref="LabelStore"/> builds them): KEYS[1] epoch, KEYS[2] version, KEYS[3] change log, KEYS[4] audit;
/// ARGV[1] epoch candidate, ARGV[2] channel, ARGV[3] change-log length, ARGV[4] audit length,
/// ARGV[5] per-subject audit length, ARGV[6] key prefix, ARGV[7] now (Unix ms), ARGV[8] actor.
/// Script-specific keys start at KEYS[5], arguments at ARGV[9].
/// </remarks>
internal static class BlocklistScripts
{
    public const int CommonKeys = 4;
    public const int CommonArgs = 8;

    private const string Commit = """
        local function commit(change, op, subject, cat, src, reason, perSubject)
          local epoch = redis.call('GET', KEYS[1])
          if not epoch then
            epoch = ARGV[1]
            redis.call('SET', KEYS[1], epoch)
          end
          local v = redis.call('INCR', KEYS[2])
          local entry = v .. '|' .. change
          redis.call('ZADD', KEYS[3], v, entry)
          redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[3]) + 1))
          local audit = cjson.encode({t = ARGV[7], op = op, subject = subject, cat = cat, src = src, reason = reason, actor = ARGV[8], v = v})
          redis.call('LPUSH', KEYS[4], audit)
          redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[4]) - 1)
          if perSubject then
            local key = ARGV[6] .. 'audit:' .. subject
            redis.call('LPUSH', key, audit)
            redis.call('LTRIM', key, 0, tonumber(ARGV[5]) - 1)
          end
          redis.call('PUBLISH', ARGV[2], epoch .. ' ' .. entry)
          return v
        end

        """;

    /// <summary>
    /// KEYS[5] label, KEYS[6] expiry index; ARGV[9] number, 10 category, 11 source, 12 action, 13 reason, 14 expiry ms
    /// or 0, 15 event time it acts after (ms) or 0. Returns the version, or 0 when the label yielded: a <c>risk-model</c>
    /// label never replaces an unexpired label from another source (an <c>allow</c> above all). The change entry has
    /// the seventh field <c>from</c> only when it is set, so labels without one read as before.
    /// </summary>
    public const string AddLabel = Commit + """
        if ARGV[11] == 'risk-model' then
          local held = redis.call('HMGET', KEYS[5], 'src', 'exp', 'cat')
          local live = held[1] and (not held[2] or tonumber(held[2]) > tonumber(ARGV[7]))
          if live and (held[1] ~= 'risk-model' or held[3] == 'allow') then return 0 end
        end
        local existed = redis.call('EXISTS', KEYS[5])
        redis.call('DEL', KEYS[5])
        redis.call('HSET', KEYS[5], 'cat', ARGV[10], 'src', ARGV[11], 'act', ARGV[12], 'reason', ARGV[13], 'created', ARGV[7], 'actor', ARGV[8])
        if ARGV[14] ~= '0' then
          redis.call('HSET', KEYS[5], 'exp', ARGV[14])
          redis.call('ZADD', KEYS[6], ARGV[14], ARGV[9])
        else
          redis.call('ZREM', KEYS[6], ARGV[9])
        end
        local change = 'L|' .. ARGV[9] .. '|' .. ARGV[10] .. '|' .. ARGV[11] .. '|' .. ARGV[12] .. '|' .. ARGV[14]
        if ARGV[15] and ARGV[15] ~= '0' then
          redis.call('HSET', KEYS[5], 'from', ARGV[15])
          change = change .. '|' .. ARGV[15]
        end
        local op = 'add'
        if existed == 1 then op = 'update' end
        return commit(change, op, ARGV[9], ARGV[10], ARGV[11], ARGV[13], true)
        """;

    /// <summary>KEYS[5] label, KEYS[6] expiry index; ARGV[9] number, 10 reason. Returns the version, or 0 when there was no label.</summary>
    public const string RemoveLabel = Commit + """
        local f = redis.call('HMGET', KEYS[5], 'cat', 'src')
        if not f[1] then return 0 end
        redis.call('DEL', KEYS[5])
        redis.call('ZREM', KEYS[6], ARGV[9])
        return commit('R|' .. ARGV[9], 'remove', ARGV[9], f[1], f[2], ARGV[10], true)
        """;

    /// <summary>KEYS[5] expiry index; ARGV[9] most labels to remove. Removes labels whose expiry is at or before now; returns how many.</summary>
    public const string SweepExpired = Commit + """
        local due = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', ARGV[7], 'LIMIT', 0, tonumber(ARGV[9]))
        local removed = 0
        for _, number in ipairs(due) do
          redis.call('ZREM', KEYS[5], number)
          local key = ARGV[6] .. 'label:' .. number
          local f = redis.call('HMGET', key, 'cat', 'src', 'exp')
          if f[1] and f[3] and tonumber(f[3]) <= tonumber(ARGV[7]) then
            redis.call('DEL', key)
            commit('R|' .. number, 'expire', number, f[1], f[2], 'expired', true)
            removed = removed + 1
          end
        end
        return removed
        """;

    /// <summary>
    /// KEYS[5] policy; ARGV[9] subscriber, 10 block-overseas '1'/'0'/'' (keep), 11 warn '1'/'0'/'' (keep).
    /// Returns {version, overseas, warn}. A policy with both off is deleted.
    /// </summary>
    public const string SetPolicy = Commit + """
        local cur = redis.call('HMGET', KEYS[5], 'overseas', 'warn')
        local o = ARGV[10]
        if o == '' then o = cur[1] or '0' end
        local w = ARGV[11]
        if w == '' then w = cur[2] or '0' end
        if o == '0' and w == '0' then
          redis.call('DEL', KEYS[5])
        else
          redis.call('HSET', KEYS[5], 'overseas', o, 'warn', w, 'updated', ARGV[7], 'actor', ARGV[8])
        end
        local onoff = {['0'] = 'off', ['1'] = 'on'}
        local v = commit('P|' .. ARGV[9] .. '|' .. o .. '|' .. w, 'policy', ARGV[9], '', '', 'block-overseas=' .. onoff[o] .. ' warn=' .. onoff[w], true)
        return {v, o, w}
        """;

    /// <summary>KEYS[5] prefix rule, KEYS[6] prefix index; ARGV[9] digits, 10 action, 11 category, 12 reason. Returns the version.</summary>
    public const string AddPrefix = Commit + """
        redis.call('DEL', KEYS[5])
        redis.call('HSET', KEYS[5], 'act', ARGV[10], 'cat', ARGV[11], 'reason', ARGV[12], 'created', ARGV[7], 'actor', ARGV[8])
        redis.call('SADD', KEYS[6], ARGV[9])
        return commit('X|' .. ARGV[9] .. '|' .. ARGV[10] .. '|' .. ARGV[11], 'prefix-add', ARGV[9], ARGV[11], '', ARGV[12], false)
        """;

    /// <summary>KEYS[5] prefix rule, KEYS[6] prefix index; ARGV[9] digits, 10 reason. Returns the version, or 0 when there was no rule.</summary>
    public const string RemovePrefix = Commit + """
        local cat = redis.call('HGET', KEYS[5], 'cat')
        if not cat then return 0 end
        redis.call('DEL', KEYS[5])
        redis.call('SREM', KEYS[6], ARGV[9])
        return commit('Y|' .. ARGV[9], 'prefix-remove', ARGV[9], cat, '', ARGV[10], false)
        """;

    /// <summary>
    /// One SCAN step over the labels, for listing. ARGV[1] cursor, 2 COUNT, 3 key prefix, 4 category name to keep
    /// or ''. Returns {next cursor, then per label: number, cat, src, act, exp, reason, created, actor, from}.
    /// </summary>
    public const string ScanLabels = """
        local r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[3] .. 'label:*', 'COUNT', tonumber(ARGV[2]))
        local out = {r[1]}
        local from = #ARGV[3] + 7
        for _, key in ipairs(r[2]) do
          local f = redis.call('HMGET', key, 'cat', 'src', 'act', 'exp', 'reason', 'created', 'actor', 'from')
          if f[1] and (ARGV[4] == '' or f[1] == ARGV[4]) then
            out[#out + 1] = string.sub(key, from)
            out[#out + 1] = f[1]
            out[#out + 1] = f[2] or ''
            out[#out + 1] = f[3] or ''
            out[#out + 1] = f[4] or '0'
            out[#out + 1] = f[5] or ''
            out[#out + 1] = f[6] or '0'
            out[#out + 1] = f[7] or ''
            out[#out + 1] = f[8] or '0'
          end
        end
        return out
        """;

    /// <summary>
    /// One SCAN step of the replica's full load, over labels and policies in one walk of the key space (SCAN
    /// visits every key whatever MATCH says, so one walk instead of two halves the cost), packed into one
    /// string so a batch is one bulk reply. ARGV[1] cursor, 2 COUNT, 3 key prefix. Returns {next cursor, lines}
    /// with lines "L|number|cat|src|act|exp" (plus "|from" when the label has one) and "P|subscriber|overseas|warn"
    /// joined by newlines.
    /// </summary>
    public const string ScanReplica = """
        local r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[3] .. '*', 'COUNT', tonumber(ARGV[2]))
        local lines = {}
        local labels = ARGV[3] .. 'label:'
        local policies = ARGV[3] .. 'policy:'
        for _, key in ipairs(r[2]) do
          if string.sub(key, 1, #labels) == labels then
            local f = redis.call('HMGET', key, 'cat', 'src', 'act', 'exp', 'from')
            if f[1] then
              local line = 'L|' .. string.sub(key, #labels + 1) .. '|' .. f[1] .. '|' .. (f[2] or '') .. '|' .. (f[3] or '') .. '|' .. (f[4] or '0')
              if f[5] then line = line .. '|' .. f[5] end
              lines[#lines + 1] = line
            end
          elseif string.sub(key, 1, #policies) == policies then
            local f = redis.call('HMGET', key, 'overseas', 'warn')
            if f[1] then
              lines[#lines + 1] = 'P|' .. string.sub(key, #policies + 1) .. '|' .. f[1] .. '|' .. (f[2] or '0')
            end
          end
        end
        return {r[1], table.concat(lines, '\n')}
        """;

    /// <summary>Every prefix rule. KEYS[1] prefix index; ARGV[1] key prefix. Returns per rule: digits, act, cat, reason, created, actor.</summary>
    public const string LoadPrefixes = """
        local out = {}
        for _, digits in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local f = redis.call('HMGET', ARGV[1] .. 'prefix:' .. digits, 'act', 'cat', 'reason', 'created', 'actor')
          if f[1] then
            out[#out + 1] = digits
            out[#out + 1] = f[1]
            out[#out + 1] = f[2] or ''
            out[#out + 1] = f[3] or ''
            out[#out + 1] = f[4] or '0'
            out[#out + 1] = f[5] or ''
          end
        end
        return out
        """;
}
