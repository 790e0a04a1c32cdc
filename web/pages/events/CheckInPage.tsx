/**
 * Door check-in on a phone (/workspace/events/check-in/:sessionId): a big live count (checked in /
 * registered / places), a typed-code field with a large button, and a camera scanner (getUserMedia →
 * canvas → jsQR) that falls back to typing when there is no camera or no permission. Every answer is a
 * clear green or red panel that names the person.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import jsQR from 'jsqr';
import { api, isApiError } from '../../api/client.ts';
import type { CheckInResult, EventSession, HeadCount } from '../../api/events.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { errorMessage } from '../../components/errors.ts';
import { fmtSessionTime } from '../../components/events/SessionParts.tsx';

const CSS = `
.rt-ci { max-width: 520px; margin: 0 auto; }
.rt-ci h1 { font-size: 20px; margin: 0 0 4px; line-height: 1.4; }
.rt-ci-count { display: flex; align-items: baseline; justify-content: center; gap: 6px; background: #fff; border-radius: 12px; padding: 16px 8px; margin: 12px 0; border: 1px solid #d9d9d9; }
.rt-ci-count .big { font-size: 64px; font-weight: 700; color: #135200; line-height: 1; }
.rt-ci-count .rest { font-size: 24px; color: rgba(0,0,0,.72); }
.rt-ci-label { text-align: center; color: rgba(0,0,0,.62); margin-top: -6px; margin-bottom: 12px; }
.rt-ci-code input { font-size: 24px !important; letter-spacing: .12em; text-transform: uppercase; font-family: ui-monospace, Menlo, Consolas, monospace; }
.rt-ci-code input::placeholder { font-size: 16px; letter-spacing: normal; font-family: inherit; }
.rt-ci-result { border-radius: 12px; padding: 16px; margin: 12px 0; color: #fff; display: flex; gap: 12px; align-items: center; }
.rt-ci-result.ok { background: #237804; }
.rt-ci-result.bad { background: #a8071a; }
.rt-ci-result .title { font-size: 22px; font-weight: 700; }
.rt-ci-result .body { font-size: 16px; }
.rt-ci-result .anticon { font-size: 40px; }
.rt-ci video { width: 100%; border-radius: 12px; background: #000; display: block; }
`;

interface Feedback {
  ok: boolean;
  title: string;
  body: string;
}

function useScanner(onCode: (code: string) => void) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const rafRef = useRef<number>(0);
  const lastRef = useRef<{ code: string; at: number }>({ code: '', at: 0 });
  const [active, setActive] = useState(false);
  const [error, setError] = useState(false);

  const stop = useCallback(() => {
    cancelAnimationFrame(rafRef.current);
    streamRef.current?.getTracks().forEach((tr) => tr.stop());
    streamRef.current = null;
    setActive(false);
  }, []);

  const start = useCallback(async () => {
    setError(false);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(true);
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      streamRef.current = stream;
      setActive(true);
    } catch {
      setError(true);
    }
  }, []);

  useEffect(() => {
    if (!active) return;
    const video = videoRef.current;
    const stream = streamRef.current;
    if (!video || !stream) return;
    video.srcObject = stream;
    void video.play().catch(() => undefined);
    const canvas = document.createElement('canvas');
    const g = canvas.getContext('2d', { willReadFrequently: true });
    let frame = 0;
    const tick = () => {
      rafRef.current = requestAnimationFrame(tick);
      // Every third frame is enough and keeps a phone cool.
      if (++frame % 3 || !g || video.readyState < 2) return;
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!w || !h) return;
      const scale = Math.min(1, 640 / w);
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      g.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = g.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
      const code = found?.data.trim();
      if (!code) return;
      const now = Date.now();
      // The same pass held in front of the camera is sent once every 3 s at most.
      if (code === lastRef.current.code && now - lastRef.current.at < 3000) return;
      lastRef.current = { code, at: now };
      onCode(code);
    };
    rafRef.current = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(rafRef.current);
  }, [active, onCode]);

  useEffect(() => stop, [stop]);
  return { videoRef, active, error, start, stop };
}

export function CheckInPage() {
  const { sessionId } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const session = useQuery({
    queryKey: ['events', 'session', sessionId],
    queryFn: () => api.get<EventSession>(`/event-sessions/${sessionId}`),
  });
  const hc = useQuery({
    queryKey: ['events', 'head-count', sessionId],
    queryFn: () => api.get<HeadCount>(`/event-sessions/${sessionId}/head-count`),
    refetchInterval: 5000,
  });
  usePageTitle(t('events.checkInTitle'));

  const checkIn = useMutation({
    mutationFn: (code: string) => api.post<CheckInResult>(`/event-sessions/${sessionId}/check-in`, { code }),
    onSuccess: (r) => {
      setFeedback({
        ok: true,
        title: t('events.ok'),
        body: t('events.okBody', { name: r.registration.user.name, org: r.registration.organisation?.name ?? '—' }),
      });
      qc.setQueryData<HeadCount>(['events', 'head-count', sessionId], (old) =>
        old ? { ...old, checkedIn: r.headCount.checkedIn } : old,
      );
      void qc.invalidateQueries({ queryKey: ['events', 'head-count', sessionId] });
      form.resetFields();
    },
    onError: (e) => {
      const code = isApiError(e) ? e.code : 'other';
      const known = [
        'already_checked_in',
        'registration_waitlisted',
        'registration_cancelled',
        'checkin_code_unknown',
        'online_registration',
      ].includes(code);
      setFeedback({
        ok: false,
        title: t((known ? `events.fail.${code}` : 'events.fail.other') as MessageKey),
        body: errorMessage(e),
      });
    },
  });

  const onScan = useCallback((code: string) => checkIn.mutate(code), [checkIn]);
  const { videoRef, active: scanning, error: cameraError, start: startScan, stop: stopScan } = useScanner(onScan);
  const s = session.data;
  const d = hc.data;
  const registered = d ? d.offline.registered : null;

  return (
    <QueryState isLoading={session.isLoading} error={session.error} refetch={() => void session.refetch()}>
      <style>{CSS}</style>
      {s ? (
        <div className="rt-ci">
          <h1>
            {t('events.checkInTitle')} · {s.title}
          </h1>
          <div className="rt-muted">
            {fmtSessionTime(s.startsAt, s.endsAt)}
            {s.venue ? ` · ${s.venue}` : ''}
          </div>
          <div className="rt-ci-count" data-testid="checkin-count" aria-live="polite">
            <span className="big" data-testid="checkin-count-in">
              {d?.checkedIn ?? '—'}
            </span>
            <span className="rest">
              / <span data-testid="checkin-count-registered">{registered ?? '—'}</span> / {d?.capacity ?? '—'}
            </span>
          </div>
          <div className="rt-ci-label">{t('events.checkInCount')}</div>

          {feedback ? (
            <div
              className={`rt-ci-result ${feedback.ok ? 'ok' : 'bad'}`}
              role="status"
              aria-live="assertive"
              data-testid={feedback.ok ? 'checkin-ok' : 'checkin-fail'}
            >
              {feedback.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
              <div>
                <div className="title">{feedback.title}</div>
                <div className="body">{feedback.body}</div>
              </div>
            </div>
          ) : null}

          {s.mode === 'online' ? <Alert type="info" showIcon title={t('events.onlineOnlyNote')} /> : null}

          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => checkIn.mutate(v.code.trim())}
            onValuesChange={() => setFeedback(null)}
            requiredMark={false}
          >
            <Form.Item
              name="code"
              label={t('events.codeLabel')}
              rules={[{ required: true, min: 4, message: t('events.codePlaceholder') }]}
              className="rt-ci-code"
            >
              <Input
                size="large"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                placeholder={t('events.codePlaceholder')}
                data-testid="checkin-code"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={checkIn.isPending}
              style={{ height: 56, fontSize: 20 }}
              data-testid="checkin-submit"
            >
              {t('events.checkInButton')}
            </Button>
          </Form>

          <div style={{ marginTop: 16 }}>
            {scanning ? (
              <>
                <video ref={videoRef} muted playsInline aria-label={t('events.scanHint')} />
                <div className="rt-muted" style={{ textAlign: 'center', margin: '6px 0' }}>
                  {t('events.scanHint')}
                </div>
                <Button size="large" block icon={<StopOutlined />} onClick={stopScan}>
                  {t('events.stopScan')}
                </Button>
              </>
            ) : (
              <Button
                size="large"
                block
                icon={<CameraOutlined />}
                onClick={() => void startScan()}
                style={{ height: 52 }}
                data-testid="checkin-scan"
              >
                {t('events.scan')}
              </Button>
            )}
            {cameraError ? (
              <Alert
                type="warning"
                showIcon
                title={t('events.cameraUnavailable')}
                style={{ marginTop: 8 }}
                data-testid="camera-unavailable"
              />
            ) : null}
          </div>
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            <LinkButton type="link" to={`/workspace/events/sessions/${s.id}`}>
              {t('events.backToSession')}
            </LinkButton>
          </div>
        </div>
      ) : null}
    </QueryState>
  );
}
